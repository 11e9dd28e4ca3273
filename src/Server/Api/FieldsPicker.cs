using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Api;

/// <summary>
/// The <c>fields</c> query parameter: keeps only the listed dotted paths (<c>*</c> = every key of
/// a level) and applies <c>:excerpt(max, withEllipsis)</c>. Invalid syntax answers 400.
/// </summary>
public static partial class FieldsPicker
{
    [GeneratedRegex(@"^:excerpt\(\s*(\d+)\s*(?:,\s*(true|false|1|0|t|f)\s*)?\)$", RegexOptions.IgnoreCase)]
    private static partial Regex Excerpt();

    [GeneratedRegex(@"<(br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public (int Max, bool Ellipsis)? Excerpt { get; set; }
    }

    /// <summary>Trims a response; for list responses only the items are trimmed.</summary>
    public static JsonNode? Apply(JsonNode? node, string? fields, bool isList = false)
    {
        if (string.IsNullOrWhiteSpace(fields) || node is null)
        {
            return node;
        }

        var tree = Parse(fields);
        if (isList && node is JsonObject list && list["items"] is JsonArray items)
        {
            list["items"] = Pick(items, tree);
            return list;
        }

        return Pick(node, tree);
    }

    private static Node Parse(string fields)
    {
        var root = new Node();
        foreach (var raw in SplitTopLevel(fields))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            (int, bool)? excerpt = null;
            var colon = item.IndexOf(':');
            if (colon >= 0)
            {
                var m = Excerpt().Match(item[colon..]);
                if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
                {
                    throw ApiException.BadRequest();
                }

                excerpt = (max, m.Groups[2].Value.ToLowerInvariant() is "true" or "1" or "t");
                item = item[..colon];
            }

            var node = root;
            foreach (var part in item.Split('.'))
            {
                node = node.Children.TryGetValue(part, out var child) ? child : node.Children[part] = new Node();
            }

            node.Excerpt = excerpt;
        }

        return root;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static JsonNode? Pick(JsonNode? node, Node tree)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Pick(item, tree))]);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var spec = tree.Children.GetValueOrDefault(key) ?? tree.Children.GetValueOrDefault("*");
                    if (spec is null)
                    {
                        continue;
                    }

                    result[key] = spec.Children.Count > 0 ? Pick(value?.DeepClone(), spec) : ApplyExcerpt(value?.DeepClone(), spec.Excerpt);
                }

                return result;
            default:
                return node;
        }
    }

    private static JsonNode? ApplyExcerpt(JsonNode? value, (int Max, bool Ellipsis)? excerpt)
    {
        if (excerpt is not { } e || value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return value;
        }

        var text = BlockTag().Replace(v.GetValue<string>(), " ");
        text = Spaces().Replace(System.Net.WebUtility.HtmlDecode(AnyTag().Replace(text, "")), " ").Trim();
        if (text.Length <= e.Max)
        {
            return text;
        }

        return text[..e.Max] + (e.Ellipsis ? "..." : "");
    }
}
