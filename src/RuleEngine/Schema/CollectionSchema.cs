namespace PocketBaseSharp.RuleEngine.Schema;

/// <summary>
/// A collection as seen by the rule engine: its identity, its table and its fields. The table name
/// is the collection name (as upstream), and the list rule is needed to constrain joins that a
/// non-superuser's client filter adds.
/// </summary>
/// <param name="Type">base, auth or view.</param>
/// <param name="ListRule">null = superusers only, "" = everyone, otherwise an expression.</param>
public sealed record CollectionSchema(
    string Id,
    string Name,
    string Type,
    IReadOnlyList<FieldSchema> Fields,
    string? ListRule = null)
{
    public FieldSchema? FindField(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public bool IsAuth => Type == "auth";

    public bool IsView => Type == "view";
}
