using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Collections;

/// <summary>The view query preview of the dashboard (http-api.md §7), superusers only.</summary>
public static class ViewDryRunEndpoints
{
    public static void MapViewDryRunApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/collections/meta/dry-run-view", async (HttpContext http, CollectionStore collections, CollectionService service, ServerOptions options) =>
        {
            var auth = Guards.RequireSuperuser(http);
            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize);
            return JsonOutput.Result(FieldsPicker.Apply(await new ViewDryRun(collections, service).RunAsync(body, auth), http.Request.Query["fields"]));
        });
}
