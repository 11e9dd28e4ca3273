using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Backups;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Api;

/// <summary><c>GET /api/health</c> (note the <c>code</c> key: this is not an error body).</summary>
public static class HealthEndpoints
{
    /// <summary>Headers that common reverse proxies and CDNs add, checked after the configured trusted ones.</summary>
    private static readonly string[] CommonProxyHeaders = ["CF-Connecting-IP", "Fly-Client-IP", "X-Forwarded-For"];

    public static void MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/health", ["GET", "HEAD"], (HttpContext http, ISettingsSource settings, BackupState backups) =>
        {
            var data = new JsonObject();
            if (RequestAuthState.Of(http).IsSuperuser)
            {
                var proxy = settings.Current.TrustedProxy;

                // False while a backup or restore runs: the dashboard then disables its backup actions.
                data["canBackup"] = !backups.IsActive;
                data["realIP"] = ClientIp.Of(http, proxy);

                // Lets the dashboard remind superusers to configure trustedProxy when deployed behind a proxy.
                data["possibleProxyHeader"] = (proxy.Headers ?? []).Concat(CommonProxyHeaders)
                    .FirstOrDefault(h => http.Request.Headers[h].ToString().Length > 0) ?? "";
            }

            return JsonOutput.Result(new JsonObject { ["message"] = "API is healthy.", ["code"] = 200, ["data"] = data });
        });
}
