using System.Globalization;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Parses the <c>fields</c> query parameter: <c>*,expand.author.name,description:excerpt(200,true)</c>.
/// Commas inside a modifier's parentheses do not split items. The only modifier is <c>excerpt</c>
/// with a positive max and an optional boolean (Go spelling: 1, t, true, 0, f, false, …).
/// </summary>
public static partial class FieldsParser
{
    /// <exception cref="FilterSyntaxException">Bad path, unknown modifier or bad excerpt arguments.</exception>
    public static IReadOnlyList<FieldSelector> Parse(string fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var selectors = new List<FieldSelector>();
        foreach (var (text, position) in SplitItems(fields))
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var start = position + text.IndexOf(trimmed, StringComparison.Ordinal);
            selectors.Add(ParseItem(trimmed, start));
        }

        return selectors;
    }

    private static FieldSelector ParseItem(string item, int position)
    {
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        var path = colon < 0 ? item : item[..colon];
        if (!PathPattern().IsMatch(path))
        {
            throw new FilterSyntaxException(position, $"'{path}'", "a field path such as title, expand.author.name or *");
        }

        if (colon < 0)
        {
            return new FieldSelector(path.Split('.'), null);
        }

        var modifier = ExcerptPattern().Match(item[(colon + 1)..]);
        if (!modifier.Success)
        {
            throw new FilterSyntaxException(position + colon + 1, $"'{item[(colon + 1)..]}'", "excerpt(max) or excerpt(max, withEllipsis)");
        }

        var maxText = modifier.Groups["max"].Value;
        if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max <= 0)
        {
            throw new FilterSyntaxException(position + colon + 1, $"'{maxText}'", "a positive excerpt length");
        }

        var ellipsis = false;
        if (modifier.Groups["ellipsis"].Success && !TryParseGoBool(modifier.Groups["ellipsis"].Value, out ellipsis))
        {
            throw new FilterSyntaxException(position + colon + 1, $"'{modifier.Groups["ellipsis"].Value}'", "true or false");
        }

        return new FieldSelector(path.Split('.'), new ExcerptModifier(max, ellipsis));
    }

    private static IEnumerable<(string Text, int Position)> SplitItems(string fields)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            depth += fields[i] switch { '(' => 1, ')' => depth > 0 ? -1 : 0, _ => 0 };
            if (fields[i] == ',' && depth == 0)
            {
                yield return (fields[start..i], start);
                start = i + 1;
            }
        }

        yield return (fields[start..], start);
    }

    private static bool TryParseGoBool(string text, out bool value)
    {
        value = text is "1" or "t" or "T" or "TRUE" or "true" or "True";
        return value || text is "0" or "f" or "F" or "FALSE" or "false" or "False";
    }

    [GeneratedRegex(@"^(\*|[\p{L}\p{Nd}_]+)(\.(\*|[\p{L}\p{Nd}_]+))*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^excerpt\(\s*(?<max>[^,\s)]*)\s*(,\s*(?<ellipsis>[^,\s)]+)\s*)?\)$")]
    private static partial Regex ExcerptPattern();
}
