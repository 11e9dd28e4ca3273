using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine.Schema;

namespace PocketBaseSharp.RuleEngine.Tests.Fixture;

/// <summary>Reads the collections of an upstream <c>data.db</c> (<c>_collections</c>) into rule engine schemas.</summary>
public sealed partial class FixtureSchema : ISchemaLookup
{
    private readonly List<(CollectionSchema Schema, string[] Rules)> _collections = [];

    public FixtureSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, type, fields, listRule, viewRule, createRule, updateRule, deleteRule, options, indexes FROM _collections";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(1);
            var unique = ParseUniqueColumns(reader.GetString(10), name);
            var fields = JsonSerializer.Deserialize<JsonElement>(reader.GetString(3)).EnumerateArray().Select(f => new FieldSchema(
                f.GetProperty("name").GetString()!,
                f.GetProperty("type").GetString()!,
                Multiple: f.TryGetProperty("maxSelect", out var max) && max.ValueKind == JsonValueKind.Number && max.GetInt32() > 1,
                Hidden: f.TryGetProperty("hidden", out var hidden) && hidden.GetBoolean(),
                RelationCollectionId: f.TryGetProperty("collectionId", out var target) ? target.GetString() : null,
                Unique: unique.Contains(f.GetProperty("name").GetString()!))).ToList();
            var rules = Enumerable.Range(4, 5).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList();
            var options = JsonSerializer.Deserialize<JsonElement>(reader.GetString(9));
            foreach (var option in new[] { "authRule", "manageRule" })
            {
                rules.Add(options.TryGetProperty(option, out var rule) && rule.ValueKind == JsonValueKind.String ? rule.GetString() : null);
            }

            var schema = new CollectionSchema(reader.GetString(0), name, reader.GetString(2), fields, rules[0]);
            _collections.Add((schema, rules.Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).ToArray()));
        }
    }

    public IEnumerable<(CollectionSchema Schema, string[] Rules)> Collections => _collections;

    public CollectionSchema? FindCollection(string nameOrId) => _collections.Select(c => c.Schema).FirstOrDefault(c =>
        c.Id == nameOrId || string.Equals(c.Name, nameOrId, StringComparison.OrdinalIgnoreCase));

    private static HashSet<string> ParseUniqueColumns(string indexes, string table) =>
        JsonSerializer.Deserialize<string[]>(indexes)!
            .Select(index => UniqueIndex().Match(index))
            .Where(m => m.Success && m.Groups["table"].Value == table)
            .Select(m => m.Groups["column"].Value)
            .ToHashSet();

    [GeneratedRegex(@"CREATE UNIQUE INDEX .*? ON [`""]?(?<table>\w+)[`""]? \(\s*[`""]?(?<column>\w+)[`""]?\s*\)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex UniqueIndex();
}
