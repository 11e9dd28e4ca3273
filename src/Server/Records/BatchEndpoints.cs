using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Files;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// <c>POST /api/batch</c>: record create/update/upsert/delete sub-requests in one transaction with
/// the caller's auth; any failure rolls everything back and names the failing request.
/// </summary>
public static partial class BatchEndpoints
{
    [GeneratedRegex(@"^/api/collections/(?<c>[^/?]+)/records(?:/(?<id>[^/?]+))?(?:\?(?<q>.*))?$")]
    private static partial Regex RecordUrl();

    public static void MapBatchApi(this IEndpointRouteBuilder app) => app.MapPost("/api/batch", async (HttpContext http, ISettingsSource settingsSource, RecordService records, RecordStore store) =>
    {
        var batch = settingsSource.Current.Batch;
        if (!batch.Enabled)
        {
            throw ApiException.Forbidden("Batch requests are not allowed.");
        }

        var maxBody = batch.MaxBodySize;
        var files = new Dictionary<string, List<UploadedFile>>(StringComparer.Ordinal);
        var body = await RequestBody.ReadAsync(http.Request, maxBody > 0 ? maxBody : 128L << 20, files: files);
        var requests = body["requests"] as JsonArray;
        var max = batch.MaxRequests;
        if (requests is null || requests.Count == 0 || requests.Count > max)
        {
            throw ApiException.BadRequest("Something went wrong while processing your request.", new JsonObject
            {
                ["requests"] = ValidationErrors.Leaf(requests is null || requests.Count == 0 ? "validation_required" : "validation_length_too_long", requests is null || requests.Count == 0 ? "Cannot be blank." : $"The length must be no more than {max}."),
            });
        }

        var auth = RequestAuthState.Of(http);

        // Passwords are hashed, and old passwords checked, before the transaction, so the single
        // writer never waits for bcrypt.
        var prehashed = new PrehashedPassword?[requests.Count];
        var oldPasswords = new PrecheckedOldPassword?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            prehashed[i] = await PrehashAsync(requests[i] as JsonObject, store.Collections);
            oldPasswords[i] = await PrecheckAsync(requests[i] as JsonObject, store, auth);
        }

        var results = await store.WriteAsync(async scope =>
        {
            var output = new JsonArray();
            for (var i = 0; i < requests.Count; i++)
            {
                try
                {
                    output.Add(await RunAsync(http, auth, requests[i] as JsonObject, records, scope, FilesOf(files, i), prehashed[i], oldPasswords[i]));
                }
                catch (ApiException ex)
                {
                    throw Failed(i, ex);
                }
            }

            return output;
        });
        return JsonOutput.Result(results);
    });

    private static Task<PrehashedPassword?> PrehashAsync(JsonObject? sub, CollectionStore collections)
    {
        var match = RecordUrl().Match(Json.String(sub?["url"]) ?? "");
        return match.Success && sub?["body"] is JsonObject body
            ? PrehashedPassword.ForAsync(collections.Find(Uri.UnescapeDataString(match.Groups["c"].Value)), body)
            : Task.FromResult<PrehashedPassword?>(null);
    }

    private static Task<PrecheckedOldPassword?> PrecheckAsync(JsonObject? sub, RecordStore store, RequestAuthState auth)
    {
        var match = RecordUrl().Match(Json.String(sub?["url"]) ?? "");
        return match.Success && match.Groups["id"].Success && sub?["body"] is JsonObject body
            && string.Equals(Json.String(sub["method"]), "PATCH", StringComparison.OrdinalIgnoreCase)
            ? PrecheckedOldPassword.ForAsync(store.Collections.Find(Uri.UnescapeDataString(match.Groups["c"].Value)), Uri.UnescapeDataString(match.Groups["id"].Value), body, auth, store)
            : Task.FromResult<PrecheckedOldPassword?>(null);
    }

    private static async Task<JsonObject> RunAsync(HttpContext http, RequestAuthState auth, JsonObject? sub, RecordService records, RecordWriteScope scope, Dictionary<string, List<UploadedFile>> files, PrehashedPassword? prehashed, PrecheckedOldPassword? oldPassword)
    {
        var method = (Json.String(sub?["method"]) ?? "").ToUpperInvariant();
        var match = RecordUrl().Match(Json.String(sub?["url"]) ?? "");
        if (!match.Success)
        {
            throw ApiException.NotFound();
        }

        var collection = Uri.UnescapeDataString(match.Groups["c"].Value);
        var id = match.Groups["id"].Success ? Uri.UnescapeDataString(match.Groups["id"].Value) : null;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(match.Groups["q"].Value).ToDictionary(q => q.Key, q => q.Value.ToString());
        var body = sub?["body"] as JsonObject ?? [];
        var req = new RecordRequest(http, auth, method, collection, id, body, query) { Files = files, PrehashedPassword = prehashed, OldPassword = oldPassword };
        var fields = query.GetValueOrDefault("fields");
        switch (method)
        {
            case "POST" when id is null:
                return Ok(FieldsPicker.Apply(await records.CreateAsync(req, scope), fields));
            case "PATCH" when id is not null:
                return Ok(FieldsPicker.Apply(await records.UpdateAsync(req, scope), fields));
            case "DELETE" when id is not null:
                await records.DeleteAsync(req, scope);
                return new JsonObject { ["status"] = 204, ["body"] = null };
            case "PUT" when id is null:
                var upsertId = Json.String(body["id"]) ?? "";
                var c = http.RequestServices.GetRequiredService<CollectionStore>().Find(collection);
                var exists = c is not null && upsertId.Length > 0 && await scope.FindAsync(c, upsertId) is not null;
                return Ok(FieldsPicker.Apply(exists ? await records.UpdateAsync(req with { Id = upsertId }, scope) : await records.CreateAsync(req, scope), fields));
            default:
                throw ApiException.NotFound();
        }
    }

    /// <summary>File parts of sub-request <paramref name="index"/> are keyed <c>requests.{index}.{field}</c>.</summary>
    private static Dictionary<string, List<UploadedFile>> FilesOf(Dictionary<string, List<UploadedFile>> files, int index)
    {
        var prefix = "requests." + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        return files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(f => f.Key[prefix.Length..], f => f.Value, StringComparer.Ordinal);
    }

    private static JsonObject Ok(JsonNode? body) => new() { ["status"] = 200, ["body"] = body };

    private static ApiException Failed(int index, ApiException ex) => ApiException.BadRequest("Batch transaction failed.", new JsonObject
    {
        ["requests"] = new JsonObject
        {
            [index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["code"] = "batch_request_failed",
                ["message"] = "Batch request failed.",
                ["response"] = new JsonObject { ["data"] = ex.ErrorData.DeepClone(), ["message"] = ApiException.Normalize(ex.Message), ["status"] = ex.Status },
            },
        },
    });
}
