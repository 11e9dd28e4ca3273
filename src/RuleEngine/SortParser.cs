using System.Text.RegularExpressions;

namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Parses <c>sort=-created,title,+author.name</c>: comma separated, whitespace trimmed, <c>-</c> for
/// descending, <c>+</c> or nothing for ascending. Empty items are skipped, as upstream does.
/// </summary>
public static partial class SortParser
{
    /// <exception cref="FilterSyntaxException">An item is not a valid path.</exception>
    public static IReadOnlyList<SortItem> Parse(string sort)
    {
        ArgumentNullException.ThrowIfNull(sort);
        var items = new List<SortItem>();
        var offset = 0;
        foreach (var part in sort.Split(','))
        {
            var trimmed = part.Trim();
            var position = offset + part.IndexOf(trimmed, StringComparison.Ordinal);
            offset += part.Length + 1;
            if (trimmed.Length == 0)
            {
                continue;
            }

            var descending = trimmed[0] == '-';
            var path = trimmed[0] is '-' or '+' ? trimmed[1..] : trimmed;
            if (!PathPattern().IsMatch(path))
            {
                var found = path.Length == 0 ? "end of item" : $"'{path}'";
                throw new FilterSyntaxException(position, found, "a field path such as created, author.name or @random");
            }

            items.Add(new SortItem(path, descending));
        }

        return items;
    }

    [GeneratedRegex(@"^[\p{L}_@#][\p{L}\p{Nd}_.:]*(?<![.:])$")]
    private static partial Regex PathPattern();
}
