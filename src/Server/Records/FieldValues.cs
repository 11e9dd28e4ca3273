using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Records;

/// <summary>Turns submitted JSON values into typed record values, per field type (upstream's "prepare value").</summary>
public static class FieldValues
{
    public static object? Normalize(Field field, JsonNode? input) => field.Type switch
    {
        "number" => ToNumber(input),
        "bool" => ToBool(input),
        "date" => FieldValidation.ParseDate(Json.ToPlain(input)) is { } d ? Clock.ToText(d) : "",
        "select" or "relation" or "file" => Single(field, ToList(input)),
        "json" => ToJson(input),
        "geoPoint" => ToGeoPoint(input),
        _ => ToText(input),
    };

    public static object Single(Field field, List<string> list) => field.IsMultiple ? list : (list.Count > 0 ? list[^1] : "");

    public static string ToText(JsonNode? input) => input switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Json.Number(v)!.Value.ToString("R", CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        _ => input.ToJsonString(),
    };

    public static double ToNumber(JsonNode? input) => input?.GetValueKind() switch
    {
        JsonValueKind.Number => Json.Number(input)!.Value,
        JsonValueKind.True => 1,
        JsonValueKind.String => double.TryParse(input.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0,
        _ => 0,
    };

    public static bool ToBool(JsonNode? input) => input?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => Json.Number(input) != 0,
        JsonValueKind.String => input.GetValue<string>() is "1" or "t" or "T" or "TRUE" or "true" or "True",
        _ => false,
    };

    /// <summary>A de-duplicated list of non-empty strings; a string containing <c>[</c> is tried as a JSON array.</summary>
    public static List<string> ToList(JsonNode? input)
    {
        IEnumerable<string> items = input switch
        {
            null => [],
            JsonArray a => a.Select(ToText),
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Contains('[') => TryArray(v.GetValue<string>()),
            _ => [ToText(input)],
        };
        return [.. items.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> TryArray(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonArray a ? a.Select(ToText) : [text];
        }
        catch (JsonException)
        {
            return [text];
        }
    }

    /// <summary>JSON-looking strings are stored as JSON, others as JSON strings; null stays SQL NULL.</summary>
    public static JsonNode? ToJson(JsonNode? input)
    {
        if (input is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            var t = s.Trim();
            if (t is "null" or "true" or "false" || (t.Length > 0 && (char.IsAsciiDigit(t[0]) || t[0] is '-' or '"' or '[' or '{')))
            {
                try
                {
                    return JsonNode.Parse(t) ?? JsonValue.Create("null");
                }
                catch (JsonException)
                {
                    return JsonValue.Create(s);
                }
            }

            return JsonValue.Create(s);
        }

        return input?.DeepClone();
    }

    private static JsonObject ToGeoPoint(JsonNode? input)
    {
        var node = input is JsonValue v && v.GetValueKind() == JsonValueKind.String ? ToJson(input) : input;
        var o = node as JsonObject;
        return new JsonObject
        {
            ["lon"] = Json.NumberNode(ToNumber(o?["lon"])),
            ["lat"] = Json.NumberNode(ToNumber(o?["lat"])),
        };
    }
}
