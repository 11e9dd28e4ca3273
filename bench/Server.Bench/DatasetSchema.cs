using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Upstream's benchmark schema, written from its description: organizations, permissions, the
/// users auth collection extended with username/organization/permissions, and four posts
/// collections. No user indexes; rules are set per scenario.
/// </summary>
public static class DatasetSchema
{
    public static JsonObject Organizations() => Base("organizations", Field("name", "text"));

    public static JsonObject Permissions() => Base("permissions", Field("name", "text"), Field("active", "bool"));

    public static JsonObject Posts(string name, string usersId) => Base(name,
        Field("title", "text"),
        Field("description", "editor"),
        Field("public", "bool"),
        Field("type", "select", ("maxSelect", 3), ("values", new JsonArray("a", "b", "c", "d"))),
        Relation("author", usersId, maxSelect: 1, required: false));

    /// <summary>Adds upstream's extra fields to the stored users collection and opens its rules.</summary>
    public static JsonObject ExtendUsers(JsonObject users, string organizationsId, string permissionsId)
    {
        var fields = users["fields"]!.AsArray();
        fields.Add(Field("username", "text", ("min", 3), ("max", 150), ("required", true)));
        fields.Add(Relation("organization", organizationsId, maxSelect: 1, required: true));
        fields.Add(Relation("permissions", permissionsId, maxSelect: 999, required: false));
        return new JsonObject
        {
            ["fields"] = fields.DeepClone(),
            ["listRule"] = "", ["viewRule"] = "", ["createRule"] = "", ["updateRule"] = "", ["deleteRule"] = "",
            ["indexes"] = new JsonArray("CREATE UNIQUE INDEX `idx_users_username` ON `users` (username COLLATE NOCASE)"),
        };
    }

    private static JsonObject Base(string name, params JsonObject[] fields) => new()
    {
        ["name"] = name,
        ["type"] = "base",
        ["fields"] = new JsonArray([.. fields]),
        ["listRule"] = "", ["viewRule"] = "", ["createRule"] = "", ["updateRule"] = "", ["deleteRule"] = "",
    };

    private static JsonObject Relation(string name, string collectionId, int maxSelect, bool required) =>
        Field(name, "relation", ("collectionId", collectionId), ("cascadeDelete", true), ("maxSelect", maxSelect), ("required", required));

    private static JsonObject Field(string name, string type, params (string Key, JsonNode? Value)[] options)
    {
        var field = new JsonObject { ["name"] = name, ["type"] = type };
        foreach (var (key, value) in options)
        {
            field[key] = value;
        }

        return field;
    }
}
