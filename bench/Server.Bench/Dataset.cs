using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>The ids the scenarios draw from once the dataset exists.</summary>
public sealed class Dataset
{
    public const string UserPassword = "1234567890";

    public List<string> Organizations { get; } = [];

    public List<string> Permissions { get; } = [];

    public List<string> Users { get; } = [];

    public Dictionary<string, List<string>> Posts { get; } = [];

    public Dictionary<string, string> CollectionIds { get; } = [];

    /// <summary>A user token (users0@example.com), as upstream's searches send.</summary>
    public string UserToken { get; set; } = "";

    public static string UserEmail(int i) => $"users{i}@example.com";

    public static JsonObject UserBody(int i, string organization, IEnumerable<string> permissions) => new()
    {
        ["email"] = UserEmail(i),
        ["username"] = $"users{i}",
        ["name"] = $"User {i}",
        ["organization"] = organization,
        ["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)p)]),
        ["password"] = UserPassword,
        ["passwordConfirm"] = UserPassword,
    };

    public static JsonObject PostBody(int i, string author, Random random)
    {
        string[] types = ["a", "b", "c", "d"];
        var first = random.Next(4);
        var second = (first + 1 + random.Next(3)) % 4;
        return new JsonObject
        {
            ["title"] = $"title{i}",
            ["description"] = Lorem.Description,
            ["public"] = i % 2 == 0,
            ["type"] = new JsonArray(types[first], types[second]),
            ["author"] = author,
        };
    }
}
