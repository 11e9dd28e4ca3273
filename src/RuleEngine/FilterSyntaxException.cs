namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// The one error a malformed filter, rule or sort produces: where it went wrong (0-based character
/// offset), what was found there and what was expected, e.g.
/// <c>unexpected ')' at 14, expected a value</c>. The API puts <see cref="Exception.Message"/> in
/// its 400 response.
/// </summary>
public sealed class FilterSyntaxException(int position, string found, string expected)
    : FilterException($"unexpected {found} at {position}, expected {expected}")
{
    public int Position { get; } = position;

    public string Found { get; } = found;

    public string Expected { get; } = expected;
}
