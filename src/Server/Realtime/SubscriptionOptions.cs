namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The <c>?options=</c> of a subscription: the query and headers that replace the request's own
/// when the subscription's rule is evaluated. Header names are snake_cased as in <c>@request.headers</c>.
/// </summary>
public sealed record SubscriptionOptions(
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers)
{
    public static readonly SubscriptionOptions None = new(
        new Dictionary<string, string>(StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal));

    public bool IsEmpty => Query.Count == 0 && Headers.Count == 0;

    public string? Expand => Value("expand");

    public string? Fields => Value("fields");

    public string? Filter => Value("filter");

    /// <summary>A canonical text of the options, used to group subscribers that can share one check.</summary>
    public string Fingerprint { get; } = BuildFingerprint(Query, Headers);

    private string? Value(string key) => Query.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static string BuildFingerprint(IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> headers)
    {
        if (query.Count == 0 && headers.Count == 0)
        {
            return "";
        }

        // Lengths prefix every part, so no choice of keys or values can make two option sets collide.
        var text = new System.Text.StringBuilder();
        foreach (var (name, map) in new[] { ("q", query), ("h", headers) })
        {
            text.Append(name).Append(map.Count).Append(';');
            foreach (var pair in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(pair.Key.Length).Append(':').Append(pair.Key).Append(pair.Value.Length).Append(':').Append(pair.Value);
            }
        }

        return text.ToString();
    }
}
