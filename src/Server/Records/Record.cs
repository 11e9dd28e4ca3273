using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// One row of a collection. Values are typed by field: string (text-like, single select,
/// relation and file), double (number), bool, <see cref="List{T}"/> of string (multiple
/// select/relation/file) and <see cref="System.Text.Json.Nodes.JsonNode"/> (json, geoPoint).
/// </summary>
public sealed class Record(Collection collection, Dictionary<string, object?> values)
{
    public Collection Collection { get; } = collection;

    public Dictionary<string, object?> Values { get; } = values;

    public string Id => GetString("id");

    public string GetString(string field) => Values.TryGetValue(field, out var v) && v is string s ? s : "";

    public bool GetBool(string field) => Values.TryGetValue(field, out var v) && v is true;

    /// <summary>The ids/values of a select, relation or file field as a list, single or multiple.</summary>
    public List<string> GetList(string field) => Values.TryGetValue(field, out var v)
        ? v switch
        {
            List<string> l => [.. l],
            string s when s.Length > 0 => [s],
            _ => [],
        }
        : [];

    public Record Clone() => new(Collection, Values.ToDictionary(p => p.Key, p => p.Value switch
    {
        List<string> l => (object?)new List<string>(l),
        System.Text.Json.Nodes.JsonNode n => n.DeepClone(),
        var o => o,
    }));
}
