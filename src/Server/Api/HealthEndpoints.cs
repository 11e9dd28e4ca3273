using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Api;

/// <summary><c>GET /api/health</c> (note the <c>code</c> key: this is not an error body).</summary>
public static class HealthEndpoints
{
    public static void MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/health", ["GET", "HEAD"], (HttpContext http) =>
        {
            var data = new JsonObject();
            if (RequestAuthState.Of(http).IsSuperuser)
            {
                data["canBackup"] = true;
                data["realIP"] = http.Connection.RemoteIpAddress?.ToString() ?? "";
                data["possibleProxyHeader"] = "";
            }

            return JsonOutput.Result(new JsonObject { ["message"] = "API is healthy.", ["code"] = 200, ["data"] = data });
        });
}
