using System.Globalization;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Backups;

/// <summary>The backups API (http-api.md §10): superusers only; the download checks a superuser file token instead.</summary>
public static class BackupEndpoints
{
    public static void MapBackupApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/backups");
        var superuser = app.MapGroup("/api/backups").AddEndpointFilter(async (ctx, next) =>
        {
            Guards.RequireSuperuser(ctx.HttpContext);
            return await next(ctx);
        });

        superuser.MapMethods("", GetRouteExtensions.GetAndHead, (HttpContext http, BackupStore store, ISettingsSource settings) =>
        {
            S3Gap.ThrowIfEnabled(settings, "Failed to retrieve backup items.");
            return JsonOutput.Result(FieldsPicker.Apply(new JsonArray([.. store.List().Select(ToJson)]), http.Request.Query["fields"]));
        });

        superuser.MapPost("", async (HttpContext http, BackupService backups, BackupStore store, BackupState state, ServerOptions options, ISettingsSource settings) =>
        {
            if (state.IsActive)
            {
                throw ApiException.BadRequest(BackupService.Busy);
            }

            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize, "An error occurred while loading the submitted data.");
            var name = BackupCreateForm.ReadName(body, store);
            S3Gap.ThrowIfEnabled(settings, "Failed to create backup.");
            await backups.CreateAsync(name.Length > 0 ? name : backups.DefaultName(BackupNames.ManualPrefix));
            return Results.NoContent();
        });

        superuser.MapPost("upload", async (HttpContext http, BackupUpload upload, ISettingsSource settings) =>
        {
            S3Gap.ThrowIfEnabled(settings, "Failed to upload backup.");
            await upload.SaveAsync(http.Request, http.RequestAborted);
            return Results.NoContent();
        });

        group.MapMethods("{key}", GetRouteExtensions.GetAndHead, BackupDownload.ServeAsync);

        superuser.MapDelete("{key}", (string key, BackupStore store, BackupState state) =>
        {
            if (state.ActiveName == key)
            {
                throw ApiException.BadRequest("The backup is currently being used and cannot be deleted.");
            }

            return store.Delete(key) ? Results.NoContent() : throw ApiException.BadRequest("Invalid or already deleted backup file.");
        });

        superuser.MapPost("{key}/restore", (string key, BackupService backups, BackupState state, ISettingsSource settings) =>
        {
            if (state.IsActive)
            {
                throw ApiException.BadRequest(BackupService.Busy);
            }

            S3Gap.ThrowIfEnabled(settings, "Missing or invalid backup file.");
            backups.StartRestore(key);
            return Results.NoContent();
        });
    }

    private static JsonNode ToJson(BackupFile file) => new JsonObject
    {
        ["key"] = file.Key,
        ["modified"] = file.ModifiedUtc.ToString(Data.Clock.Format, CultureInfo.InvariantCulture),
        ["size"] = file.Size,
    };
}
