using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Crons;

/// <summary><c>GET /api/crons</c> and <c>POST /api/crons/{id}</c>, superusers only (http-api.md §12).</summary>
public static class CronEndpoints
{
    public static void MapCronApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/crons").AddEndpointFilter(async (ctx, next) =>
        {
            Guards.RequireSuperuser(ctx.HttpContext);
            return await next(ctx);
        });

        group.MapMethods("", GetRouteExtensions.GetAndHead, (HttpContext http, CronScheduler crons) =>
            JsonOutput.Result(FieldsPicker.Apply(
                new JsonArray([.. crons.Jobs.Select(j => (JsonNode)new JsonObject { ["id"] = j.Id, ["expression"] = j.Expression })]),
                http.Request.Query["fields"])));
        group.MapPost("{id}", (string id, CronScheduler crons) =>
            crons.TryStart(id) ? Results.StatusCode(204) : throw ApiException.NotFound("Missing or invalid cron job."));
    }
}
