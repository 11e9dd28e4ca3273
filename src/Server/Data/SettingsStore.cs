using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace PocketBaseSharp.Server.Data;

/// <summary>The <c>settings</c> row of <c>_params</c> (read with plain SQL, written through EF Core), defaults filled in.</summary>
public sealed class SettingsStore(Database database)
{
    private static readonly string[][] SecretPaths = [["smtp", "password"], ["s3", "secret"], ["backups", "s3", "secret"]];

    public async Task<JsonObject> GetAsync()
    {
        var value = await database.ReadAsync(db => SystemTableSql.ReadParamValueAsync(db, "settings"));
        var settings = Settings.Defaults();
        if (value is { } text && JsonNode.Parse(text) is JsonObject stored)
        {
            Merge(settings, stored);
        }

        return settings;
    }

    public async Task<JsonObject> PatchAsync(JsonObject patch)
    {
        var settings = await GetAsync();
        Merge(settings, patch);
        await database.WriteAsync(async (db, tx) =>
        {
            await using var ctx = new SystemDbContext(db);
            await ctx.Database.UseTransactionAsync(tx);
            var row = await ctx.Params.FirstOrDefaultAsync(p => p.Id == "settings");
            var now = Clock.Now();
            if (row is null)
            {
                ctx.Params.Add(new ParamRow { Id = "settings", Value = settings.ToJsonString(Api.JsonOutput.Options), Created = now, Updated = now });
            }
            else
            {
                row.Value = settings.ToJsonString(Api.JsonOutput.Options);
                row.Updated = now;
            }

            return await ctx.SaveChangesAsync();
        });
        return settings;
    }

    /// <summary>The settings as the API shows them: secrets blanked.</summary>
    public static JsonObject Public(JsonObject settings)
    {
        var copy = (JsonObject)settings.DeepClone();
        foreach (var path in SecretPaths)
        {
            var node = copy;
            foreach (var key in path[..^1])
            {
                node = node?[key] as JsonObject;
            }

            node?.Remove(path[^1]);
        }

        return copy;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
