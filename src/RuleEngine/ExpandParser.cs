namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Parses <c>expand=author,comments_via_post.user</c> into relation paths: spaces removed, leading and
/// trailing dots trimmed, empty segments dropped, duplicates and prefixes of longer paths collapsed
/// (<c>author,author.org</c> gives only <c>author.org</c>, which expands both levels). Paths deeper
/// than <see cref="MaxDepth"/> are cut to that depth. Unknown names are the server's concern: upstream
/// silently ignores them.
/// </summary>
public static class ExpandParser
{
    public const int MaxDepth = 6;

    public static IReadOnlyList<IReadOnlyList<string>> Parse(string expand)
    {
        ArgumentNullException.ThrowIfNull(expand);
        var paths = new List<string[]>();
        foreach (var item in expand.Replace(" ", "", StringComparison.Ordinal).Split(','))
        {
            var segments = item.Trim('.').Split('.', StringSplitOptions.RemoveEmptyEntries).Take(MaxDepth).ToArray();
            if (segments.Length > 0)
            {
                paths.Add(segments);
            }
        }

        return paths
            .Where((path, i) => !paths.Where((other, j) => j != i && IsCoveredBy(path, other, i < j)).Any())
            .Select(path => (IReadOnlyList<string>)path)
            .ToList();
    }

    // A path is dropped when another path starts with it; of two equal paths the later one is dropped.
    private static bool IsCoveredBy(string[] path, string[] other, bool otherIsLater) =>
        other.Length >= path.Length
        && other.Take(path.Length).SequenceEqual(path, StringComparer.Ordinal)
        && (other.Length > path.Length || !otherIsLater);
}
