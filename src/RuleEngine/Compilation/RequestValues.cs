using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// Turns request values into what can be bound: text, double, bool or null; lists and objects
/// become their JSON text. Also walks into nested body values by key or index.
/// </summary>
internal static class RequestValues
{
    public static object? ToBindable(object? value) => value switch
    {
        null => null,
        string or bool or double => value,
        JsonElement element => FromJson(element),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or decimal =>
            Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateTimeOffset or DateTime => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>The key or index <paramref name="segment"/> of a nested value; null when absent.</summary>
    public static object? Child(object? value, string segment) => TryChild(value, segment, out var child) ? child : null;

    /// <summary>True when every key or index of <paramref name="path"/> exists (its value may be null).</summary>
    public static bool HasPath(object? value, IEnumerable<string> path)
    {
        foreach (var segment in path)
        {
            if (!TryChild(value, segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryChild(object? value, string segment, out object? child)
    {
        child = null;
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(segment, out child);
            case IDictionary<string, object?> map:
                return map.TryGetValue(segment, out child);
            case JsonElement { ValueKind: JsonValueKind.Object } element when element.TryGetProperty(segment, out var property):
                child = property;
                return true;
            case JsonElement { ValueKind: JsonValueKind.Array } element when Index(segment) is { } i && i < element.GetArrayLength():
                child = element[i];
                return true;
            case IList list when Index(segment) is { } i && i < list.Count:
                child = list[i];
                return true;
            default:
                return false;
        }
    }

    private static int? Index(string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Item count for <c>:length</c>: a list's count, 0 for null/empty, 1 for any other value.</summary>
    public static int Count(object? value) => value switch
    {
        null or "" => 0,
        string => 1,
        JsonElement { ValueKind: JsonValueKind.Array } element => element.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Null } => 0,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() is "" ? 0 : 1,
        IList list => list.Count,
        _ => 1,
    };

    /// <summary>JSON array text of the items, for json_each; a single value becomes a one-item array.</summary>
    public static string ToJsonArray(object? value) => value switch
    {
        null or "" => "[]",
        JsonElement { ValueKind: JsonValueKind.Array } element => element.GetRawText(),
        IList list => JsonSerializer.Serialize(list),
        _ => JsonSerializer.Serialize(new[] { ToBindable(value) }),
    };

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };
}
