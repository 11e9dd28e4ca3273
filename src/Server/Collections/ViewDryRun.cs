using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// <c>POST /api/collections/meta/dry-run-view</c>: the fields a view query would get (inferred
/// exactly as a view collection save infers them) and up to 10 of its rows as records, without
/// creating anything. Runs on a reader connection, so nothing the query does can be written.
/// As upstream, a sample with an empty or repeated id is rejected: such a view could not be read.
/// </summary>
public sealed class ViewDryRun(CollectionStore collections, CollectionService service)
{
    public const int MaxQueryLength = 5000;
    public const int SampleSize = 10;
    private const string InvalidPrefix = "Invalid view query. Raw error: ";

    public async Task<JsonObject> RunAsync(JsonObject body, RequestAuthState auth)
    {
        var query = body["query"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        if (query.Trim().Length == 0 || query.Length > MaxQueryLength)
        {
            var leaf = query.Trim().Length == 0
                ? ValidationErrors.Leaf("validation_required", "Cannot be blank.")
                : ValidationErrors.Leaf("validation_length_too_long", $"The length must be no more than {MaxQueryLength}.", new JsonObject { ["max"] = MaxQueryLength });
            throw ApiException.BadRequest("An error occurred while validating the submitted data.", new JsonObject { ["query"] = leaf });
        }

        var view = new Collection { Type = "view" };
        view.Options["viewQuery"] = query;
        return await collections.Database.ReadAsync(async db =>
        {
            try
            {
                view.Fields = service.InferViewFields(db, null, view, "");
            }
            catch (ApiException ex) when (ex.ErrorData["viewQuery"]?["message"]?.GetValue<string>() is { } reason)
            {
                // The save path reports the reason under data.viewQuery; here it is the message itself.
                throw Invalid(reason.StartsWith(InvalidPrefix, StringComparison.Ordinal) ? reason[InvalidPrefix.Length..] : reason);
            }

            var sql = $"SELECT * FROM ({query.Trim().TrimEnd(';')}) LIMIT {SampleSize}";
            var rows = await RecordStore.QueryAsync(db, null, view, sql, new Dictionary<string, object?>());
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (row.Id.Length == 0)
                {
                    throw Invalid("the query could return records with empty or invalid ids");
                }

                if (!ids.Add(row.Id))
                {
                    throw Invalid("the query could return records with non-unique ids");
                }
            }

            return new JsonObject
            {
                ["fields"] = CollectionJson.ToJson(view)["fields"]!.DeepClone(),
                ["sample"] = new JsonArray([.. rows.Select(r => (JsonNode)RecordSerializer.ToJson(r, auth))]),
            };
        });
    }

    private static ApiException Invalid(string reason) => ApiException.BadRequest(InvalidPrefix + "\n" + reason);
}
