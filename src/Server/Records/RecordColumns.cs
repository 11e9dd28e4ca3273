using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>Converts between SQLite column values and typed record values, per field type.</summary>
public static class RecordColumns
{
    public static Record Read(Collection collection, SqliteDataReader reader) => Read(collection, reader, Ordinals(collection, reader));

    /// <summary>The column ordinal of each of <paramref name="collection"/>'s fields (-1: not selected), once per result set.</summary>
    public static int[] Ordinals(Collection collection, SqliteDataReader reader)
    {
        var byName = new Dictionary<string, int>(reader.FieldCount, StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            byName.TryAdd(reader.GetName(i), i);
        }

        var fields = collection.Fields;
        var ordinals = new int[fields.Count];
        for (var f = 0; f < fields.Count; f++)
        {
            ordinals[f] = byName.TryGetValue(fields[f].Name, out var i) ? i : -1;
        }

        return ordinals;
    }

    /// <summary>One row, with the <paramref name="ordinals"/> of <see cref="Ordinals"/> for the same reader.</summary>
    public static Record Read(Collection collection, SqliteDataReader reader, int[] ordinals)
    {
        var fields = collection.Fields;
        var values = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        for (var f = 0; f < fields.Count; f++)
        {
            var i = ordinals[f];
            if (i >= 0)
            {
                var field = fields[f];
                // One call per column (GetValue gives DBNull for NULL): each is a native call with
                // SafeHandle reference counting, a visible share of a getOne.
                var raw = reader.GetValue(i);
                values[field.Name] = FromDb(field, raw is DBNull ? null : raw);
            }
        }

        return new Record(collection, values);
    }

    public static object? FromDb(Field field, object? raw)
    {
        switch (field.Type)
        {
            case "number":
                return raw switch
                {
                    null => 0d,
                    long l => (double)l,
                    double d => d,
                    _ => double.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : 0d,
                };
            case "bool":
                return raw switch
                {
                    long l => l != 0,
                    double d => d != 0,
                    string s => s is "1" or "true" or "TRUE" or "True" or "t",
                    _ => false,
                };
            case "json":
                return ParseJson(raw as string ?? (raw is null ? null : Convert.ToString(raw, CultureInfo.InvariantCulture)));
            case "geoPoint":
                return ParseJson(raw as string) as JsonObject ?? new JsonObject { ["lon"] = 0, ["lat"] = 0 };
            case "select" or "relation" or "file":
                var list = ParseList(Text(raw));
                return field.IsMultiple ? list : (list.Count > 0 ? list[^1] : "");
            default:
                return Text(raw);
        }
    }

    /// <summary>The value bound as a SQLite parameter for a typed record value.</summary>
    public static object ToDb(Field field, object? value) => value switch
    {
        null => field.Type == "json" ? DBNull.Value : (object)"",
        bool b => b ? 1L : 0L,
        double d => d,
        List<string> l => new JsonArray([.. l.Select(s => (JsonNode?)JsonValue.Create(s))]).ToJsonString(Api.JsonOutput.Options),
        JsonNode n => n.ToJsonString(Api.JsonOutput.Options),
        _ => value,
    };

    private static string Text(object? raw) => raw switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "",
    };

    private static List<string> ParseList(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        if (text[0] == '[')
        {
            try
            {
                if (JsonNode.Parse(text) is JsonArray a)
                {
                    return [.. a.Select(n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : n?.ToJsonString() ?? "").Where(s => s.Length > 0)];
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: a plain value that happens to start with '['.
            }
        }

        return [text];
    }

    private static JsonNode? ParseJson(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
