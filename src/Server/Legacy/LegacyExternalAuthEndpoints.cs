using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Legacy;

/// <summary>
/// The record external-auth routes of SDKs before 0.22 (http-api.md §14), served from the
/// <c>_externalAuths</c> collection through the records service, so its rules and realtime events
/// apply. As then, only the record's owner or a superuser may use them.
/// </summary>
public static partial class LegacyExternalAuthEndpoints
{
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SafeValue();

    public static void MapLegacyExternalAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections/{collection}/records/{id}/external-auths");
        group.MapMethods("", GetRouteExtensions.GetAndHead, async (HttpContext http, string collection, string id, CollectionStore collections, RecordService records) =>
        {
            var (auth, owner) = Authorize(http, collections, collection, id);
            var items = await ListAsync(http, auth, records, owner, id, null);
            return JsonOutput.Result(items);
        });
        group.MapDelete("{provider}", async (HttpContext http, string collection, string id, string provider, CollectionStore collections, RecordService records, RecordStore store) =>
        {
            var (auth, owner) = Authorize(http, collections, collection, id);
            var items = SafeValue().IsMatch(provider) ? await ListAsync(http, auth, records, owner, id, provider) : [];
            var found = items.FirstOrDefault()?["id"]?.GetValue<string>() ?? throw ApiException.NotFound();
            var delete = new RecordRequest(http, auth, "DELETE", "_externalAuths", found, [], new Dictionary<string, string>());
            await store.WriteAsync(async scope =>
            {
                await records.DeleteAsync(delete, scope);
                return 0;
            });
            return Results.StatusCode(204);
        });
    }

    private static (RequestAuthState Auth, Collection Owner) Authorize(HttpContext http, CollectionStore collections, string collection, string id)
    {
        var auth = RequestAuthState.Of(http);
        if (auth.Record is null)
        {
            throw ApiException.Unauthorized("The request requires valid record authorization token.");
        }

        var owner = collections.Find(collection);
        if (owner is null || !owner.IsAuth)
        {
            throw ApiException.NotFound("Missing or invalid collection context.");
        }

        var isOwner = auth.Record.Id == id && auth.Record.Collection.Id == owner.Id;
        return auth.IsSuperuser || isOwner
            ? (auth, owner)
            : throw ApiException.Forbidden("The authorized record is not allowed to perform this action.");
    }

    private static async Task<JsonArray> ListAsync(HttpContext http, RequestAuthState auth, RecordService records, Collection owner, string id, string? provider)
    {
        if (!SafeValue().IsMatch(id))
        {
            return [];
        }

        // Only [A-Za-z0-9_-] reaches the filter text, so quoting cannot be escaped.
        var filter = $"collectionRef = '{owner.Id}' && recordRef = '{id}'" + (provider is null ? "" : $" && provider = '{provider}'");
        var query = new Dictionary<string, string> { ["filter"] = filter, ["sort"] = "created", ["perPage"] = "1000", ["skipTotal"] = "1" };
        var page = await records.ListAsync(new RecordRequest(http, auth, "GET", "_externalAuths", null, [], query));
        return page["items"]!.AsArray().DeepClone().AsArray();
    }
}
