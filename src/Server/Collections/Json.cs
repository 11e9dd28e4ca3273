using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Collections;

/// <summary>Small readers over <see cref="JsonNode"/> that do not care how a value was created.</summary>
public static class Json
{
    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Converts JSON to the plain CLR values the rule engine works with.</summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => Number(v),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>Converts a plain CLR value (as stored in a record) to JSON.</summary>
    public static JsonNode? FromPlain(object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => NumberNode(d),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        IEnumerable<string> list => new JsonArray([.. list.Select(s => (JsonNode?)JsonValue.Create(s))]),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>A number written as upstream writes it (<c>10</c>, <c>1.5</c>, <c>1e+21</c>; see <see cref="Api.JsonNumber"/>).</summary>
    public static JsonNode NumberNode(double d) => JsonNode.Parse(Api.JsonNumber.Format(d))!;
}
