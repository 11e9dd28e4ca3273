using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Logs;

/// <summary>
/// <c>GET /api/logs</c>, <c>/api/logs/stats</c> and <c>/api/logs/{id}</c>, superusers only (http-api.md §9),
/// also under <c>/api/logs/requests</c> where SDKs before 0.22 look for them, and <c>DELETE /api/logs</c> (§14).
/// </summary>
public static class LogsEndpoints
{
    public static void MapLogsApi(this IEndpointRouteBuilder app)
    {
        MapLogs(app, "/api/logs");
        MapLogs(app, "/api/logs/requests");
        app.MapDelete("/api/logs", async (HttpContext http, LogWriter writer) =>
        {
            Guards.RequireSuperuser(http);
            await writer.DeleteAllAsync();
            return Results.StatusCode(204);
        });
    }

    private static void MapLogs(IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).AddEndpointFilter(async (ctx, next) =>
        {
            Guards.RequireSuperuser(ctx.HttpContext);
            return await next(ctx);
        });

        group.MapMethods("", GetRouteExtensions.GetAndHead, async (HttpContext http, LogsQuery logs) =>
            JsonOutput.Result(FieldsPicker.Apply(await logs.ListAsync(http), http.Request.Query["fields"], isList: true)));
        group.MapMethods("stats", GetRouteExtensions.GetAndHead, async (HttpContext http, LogsQuery logs) =>
            JsonOutput.Result(FieldsPicker.Apply(await logs.StatsAsync(http), http.Request.Query["fields"])));
        group.MapMethods("{id}", GetRouteExtensions.GetAndHead, async (HttpContext http, string id, LogsQuery logs) =>
        {
            var entry = await logs.FindAsync(id) ?? throw ApiException.NotFound();
            return JsonOutput.Result(FieldsPicker.Apply(entry.ToJson(), http.Request.Query["fields"]));
        });
    }
}
