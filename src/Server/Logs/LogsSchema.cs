using PocketBaseSharp.RuleEngine.Schema;

namespace PocketBaseSharp.Server.Logs;

/// <summary>
/// The <c>_logs</c> table as the rule engine sees it: filter and sort may use id, created, level,
/// message, data and any <c>data.*</c> path (data is a json field). It knows no other collection, so
/// <c>@collection.*</c> references are rejected: auxiliary.db holds no collection tables.
/// </summary>
public sealed class LogsSchema : ISchemaLookup
{
    public const string Table = "_logs";

    public static readonly CollectionSchema Collection = new(
        Table,
        Table,
        "base",
        [new("id", "text"), new("created", "text"), new("level", "number"), new("message", "text"), new("data", "json")]);

    public CollectionSchema? FindCollection(string nameOrId) => null;
}
