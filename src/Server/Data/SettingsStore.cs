using Microsoft.EntityFrameworkCore;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Data;

/// <summary>
/// Persists <see cref="AppSettings"/> as the <c>settings</c> row of <c>_params</c> (read with plain SQL, written through EF Core).
/// Defaults, merging and secret hiding live in <see cref="SettingsJson"/> only, so there is one
/// definition of what a fresh install holds.
/// </summary>
public sealed class SettingsStore(Database database)
{
    /// <summary>The JSON a fresh install stores; missing keys of an older row fall back to the same defaults.</summary>
    public static string FreshInstallJson() => SettingsJson.ToStored(new AppSettings()).ToJsonString(Api.JsonOutput.Options);

    public async Task<AppSettings> LoadAsync()
    {
        var value = await database.ReadAsync(db => SystemTableSql.ReadParamValueAsync(db, "settings"));
        return SettingsJson.Parse(value);
    }

    public async Task SaveAsync(AppSettings settings)
    {
        var json = SettingsJson.ToStored(settings).ToJsonString(Api.JsonOutput.Options);
        await database.WriteAsync(async (db, tx) =>
        {
            await using var ctx = new SystemDbContext(db);
            await ctx.Database.UseTransactionAsync(tx);
            var created = await SystemTableSql.ReadParamCreatedAsync(db, tx, "settings");
            var now = Clock.Now();
            if (created is null)
            {
                ctx.Params.Add(new ParamRow { Id = "settings", Value = json, Created = now, Updated = now });
            }
            else
            {
                ctx.Params.Update(new ParamRow { Id = "settings", Value = json, Created = created, Updated = now });
            }

            return await ctx.SaveChangesAsync();
        });
    }
}
