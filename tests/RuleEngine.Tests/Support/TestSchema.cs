using PocketBaseSharp.RuleEngine.Schema;

namespace PocketBaseSharp.RuleEngine.Tests.Support;

/// <summary>The collections of rules-and-filters.md §8: users (auth), posts, comments.</summary>
public sealed class TestSchema(string? usersListRule = "", string? commentsListRule = "") : ISchemaLookup
{
    public CollectionSchema Users { get; } = new("_pb_users_auth_", "users", "auth",
    [
        new("id", "text"),
        new("password", "password", Hidden: true),
        new("tokenKey", "text", Hidden: true),
        new("email", "email"),
        new("emailVisibility", "bool"),
        new("verified", "bool"),
        new("name", "text"),
        new("role", "select"),
        new("created", "autodate"),
    ], usersListRule);

    public CollectionSchema Posts { get; } = new("pbc_posts", "posts", "base",
    [
        new("id", "text"),
        new("title", "text"),
        new("status", "select"),
        new("tags", "select", Multiple: true),
        new("views", "number"),
        new("published", "bool"),
        new("author", "relation", RelationCollectionId: "_pb_users_auth_"),
        new("editors", "relation", Multiple: true, RelationCollectionId: "_pb_users_auth_"),
        new("meta", "json"),
        new("location", "geoPoint"),
        new("secret", "text", Hidden: true),
        new("created", "autodate"),
    ], "");

    public CollectionSchema Comments { get; } = new("pbc_comments", "comments", "base",
    [
        new("id", "text"),
        new("post", "relation", RelationCollectionId: "pbc_posts"),
        new("user", "relation", RelationCollectionId: "_pb_users_auth_"),
    ], commentsListRule);

    public CollectionSchema? FindCollection(string nameOrId) =>
        new[] { Users, Posts, Comments }.FirstOrDefault(c => c.Id == nameOrId || string.Equals(c.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
}
