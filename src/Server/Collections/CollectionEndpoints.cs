using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Collections;

/// <summary>The superuser-only collections API.</summary>
public static class CollectionEndpoints
{
    private const string Unreadable = "Failed to load the collection type data due to invalid formatting.";

    public static void MapCollectionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections").AddEndpointFilter(async (ctx, next) =>
        {
            Guards.RequireSuperuser(ctx.HttpContext);
            return await next(ctx);
        });

        group.MapMethods("", GetRouteExtensions.GetAndHead, async (HttpContext http, CollectionList list) =>
            JsonOutput.Result(FieldsPicker.Apply(await list.BuildAsync(http), http.Request.Query["fields"], isList: true)));
        group.MapMethods("meta/scaffolds", GetRouteExtensions.GetAndHead, () => JsonOutput.Result(Scaffolds()));
        group.MapMethods("meta/oauth2-providers", GetRouteExtensions.GetAndHead, () => JsonOutput.Result(OAuth2ProviderKinds.ProvidersJson()));
        group.MapMethods("{collection}", GetRouteExtensions.GetAndHead, (HttpContext http, string collection, CollectionStore collections) =>
            JsonOutput.Result(FieldsPicker.Apply(CollectionJson.ToJson(Find(collections, collection)), http.Request.Query["fields"])));
        group.MapPost("", async (HttpContext http, CollectionService service, ServerOptions options) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize, Unreadable);
            return JsonOutput.Result(CollectionJson.ToJson(await service.CreateAsync(body)));
        });
        group.MapPatch("{collection}", async (HttpContext http, string collection, CollectionService service, CollectionStore collections, ServerOptions options) =>
        {
            var old = Find(collections, collection);
            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize, "Failed to load the submitted data due to invalid formatting.");
            return JsonOutput.Result(CollectionJson.ToJson(await service.UpdateAsync(old, body)));
        });
        group.MapDelete("{collection}", async (string collection, CollectionService service, CollectionStore collections) =>
        {
            await service.DeleteAsync(Find(collections, collection));
            return Results.StatusCode(204);
        });
        group.MapDelete("{collection}/truncate", async (string collection, CollectionService service, CollectionStore collections) =>
        {
            await service.TruncateAsync(Find(collections, collection));
            return Results.StatusCode(204);
        });
        group.MapPut("import", async (HttpContext http, CollectionService service, ServerOptions options) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize);
            if (body["collections"] is not JsonArray list || list.Count == 0)
            {
                throw ApiException.BadRequest("Failed to import collections.", new JsonObject { ["collections"] = ValidationErrors.Leaf("validation_required", "Cannot be blank.") });
            }

            await service.ImportAsync(list, Json.Bool(body["deleteMissing"]) ?? false);
            return Results.StatusCode(204);
        });
    }

    private static Collection Find(CollectionStore collections, string nameOrId) => collections.Find(nameOrId) ?? throw ApiException.NotFound();

    private static JsonObject Scaffolds()
    {
        var result = new JsonObject();
        foreach (var type in new[] { "auth", "base", "view" })
        {
            var c = new Collection { Type = type };
            if (type == "auth")
            {
                c.Options = CollectionDefaults.AuthOptions(432000);
            }

            if (type == "view")
            {
                c.Options["viewQuery"] = "";
            }

            CollectionDefaults.EnsureSystemFields(c);
            c.Indexes.Clear();
            if (type == "view")
            {
                c.CreateRule = c.UpdateRule = c.DeleteRule = null;
            }

            result[type] = CollectionJson.ToJson(c);
        }

        return result;
    }
}
