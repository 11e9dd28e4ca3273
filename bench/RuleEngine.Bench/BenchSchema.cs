using PocketBaseSharp.RuleEngine.Schema;

namespace PocketBaseSharp.RuleEngine.Bench;

/// <summary>
/// The shape upstream's rule benchmarks need: posts → author (users) → organization / permissions.
/// </summary>
public sealed class BenchSchema : ISchemaLookup
{
    public CollectionSchema Organizations { get; } = new("orgs", "organizations", "base", [new("id", "text"), new("name", "text")], "");

    public CollectionSchema Permissions { get; } = new("perms", "permissions", "base", [new("id", "text"), new("active", "bool")], "");

    public CollectionSchema Users { get; } = new("users", "users", "auth",
    [
        new("id", "text"),
        new("email", "email"),
        new("organization", "relation", RelationCollectionId: "orgs"),
        new("permissions", "relation", Multiple: true, RelationCollectionId: "perms"),
    ], "");

    public CollectionSchema Posts { get; } = new("posts", "posts", "base",
    [
        new("id", "text"),
        new("title", "text"),
        new("type", "select", Multiple: true),
        new("author", "relation", RelationCollectionId: "users"),
    ], "");

    public CollectionSchema? FindCollection(string nameOrId) =>
        new[] { Organizations, Permissions, Users, Posts }.FirstOrDefault(c =>
            c.Id == nameOrId || string.Equals(c.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
}
