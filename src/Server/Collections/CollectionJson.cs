using System.Text.Json;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Collections;

/// <summary>Maps collections to the API's flat JSON and to <c>_collections</c> rows.</summary>
public static class CollectionJson
{
    private static readonly string[] TokenKeys = ["authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken"];

    /// <summary>The collection as the API returns it: token secrets and OAuth2 client secrets removed.</summary>
    public static JsonObject ToJson(Collection c)
    {
        var o = new JsonObject
        {
            ["id"] = c.Id,
            ["listRule"] = c.ListRule,
            ["viewRule"] = c.ViewRule,
            ["createRule"] = c.CreateRule,
            ["updateRule"] = c.UpdateRule,
            ["deleteRule"] = c.DeleteRule,
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["fields"] = new JsonArray([.. c.Fields.Select(f => (JsonNode)f.ToJson())]),
            ["indexes"] = new JsonArray([.. c.Indexes.Select(i => (JsonNode?)JsonValue.Create(i))]),
            ["created"] = c.Created,
            ["updated"] = c.Updated,
            ["system"] = c.System,
        };
        if (c.IsView)
        {
            o["viewQuery"] = c.ViewQuery;
        }

        if (c.IsAuth)
        {
            var options = (JsonObject)c.Options.DeepClone();
            foreach (var key in TokenKeys)
            {
                (options[key] as JsonObject)?.Remove("secret");
            }

            if ((options["oauth2"] as JsonObject)?["providers"] is JsonArray providers)
            {
                foreach (var p in providers.OfType<JsonObject>())
                {
                    p.Remove("clientSecret");
                }
            }
            else if (options["oauth2"] is JsonObject oauth2)
            {
                oauth2["providers"] = new JsonArray();
            }

            foreach (var (key, value) in options)
            {
                o[key] = value?.DeepClone();
            }
        }

        return o;
    }

    public static Collection FromRow(CollectionRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Type = row.Type,
        System = row.System,
        Fields = JsonNode.Parse(row.Fields) is JsonArray fields ? [.. fields.OfType<JsonObject>().Select(f => new Field((JsonObject)f.DeepClone()))] : [],
        Indexes = JsonNode.Parse(row.Indexes) is JsonArray idx ? [.. idx.Select(Json.String).OfType<string>()] : [],
        ListRule = row.ListRule,
        ViewRule = row.ViewRule,
        CreateRule = row.CreateRule,
        UpdateRule = row.UpdateRule,
        DeleteRule = row.DeleteRule,
        Options = JsonNode.Parse(string.IsNullOrEmpty(row.Options) ? "{}" : row.Options) as JsonObject ?? [],
        Created = row.Created,
        Updated = row.Updated,
    };

    public static void CopyToRow(Collection c, CollectionRow row)
    {
        row.Id = c.Id;
        row.Name = c.Name;
        row.Type = c.Type;
        row.System = c.System;
        row.Fields = new JsonArray([.. c.Fields.Select(f => (JsonNode)f.ToJson())]).ToJsonString(Api.JsonOutput.Options);
        row.Indexes = JsonSerializer.Serialize(c.Indexes, Api.JsonOutput.Options);
        row.ListRule = c.ListRule;
        row.ViewRule = c.ViewRule;
        row.CreateRule = c.CreateRule;
        row.UpdateRule = c.UpdateRule;
        row.DeleteRule = c.DeleteRule;
        row.Options = c.Options.ToJsonString(Api.JsonOutput.Options);
        row.Created = c.Created;
        row.Updated = c.Updated;
    }
}
