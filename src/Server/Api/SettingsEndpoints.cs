using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Api;

/// <summary><c>GET/PATCH /api/settings</c> (superusers only; secrets never returned).</summary>
public static class SettingsEndpoints
{
    public static void MapSettingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/settings", async (HttpContext http, SettingsStore settings) =>
        {
            Guards.RequireSuperuser(http);
            return JsonOutput.Result(FieldsPicker.Apply(SettingsStore.Public(await settings.GetAsync()), http.Request.Query["fields"]));
        });
        app.MapPatch("/api/settings", async (HttpContext http, SettingsStore settings, ServerOptions options) =>
        {
            Guards.RequireSuperuser(http);
            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize);
            return JsonOutput.Result(SettingsStore.Public(await settings.PatchAsync(body)));
        });
    }
}
