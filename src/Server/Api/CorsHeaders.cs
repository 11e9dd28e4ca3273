namespace PocketBaseSharp.Server.Api;

/// <summary>
/// The headers every response carries (security headers, <c>Vary: Origin</c>) and the
/// <c>Access-Control-Allow-Origin</c> decision, shared by <see cref="CorsMiddleware"/> and the
/// realtime streams that are answered below the HTTP pipeline (<c>RealtimeConnectionGate</c>).
/// </summary>
public static class CorsHeaders
{
    /// <summary>Set on every response, in this order, before <c>Access-Control-Allow-Origin</c> is decided.</summary>
    public static readonly (string Name, string Value)[] Security =
    [
        ("X-XSS-Protection", "1; mode=block"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "SAMEORIGIN"),
    ];

    /// <summary>The <c>Access-Control-Allow-Origin</c> value for a request's <c>Origin</c>; null when none is sent.</summary>
    public static string? AllowOrigin(string origin, IReadOnlyList<string> origins)
    {
        if (origin.Length == 0 || !IsAllowed(origin, origins))
        {
            return null;
        }

        return origins.Contains("*") ? "*" : origin;
    }

    private static bool IsAllowed(string origin, IReadOnlyList<string> origins) =>
        origins.Any(pattern => pattern == "*" || WildcardMatch(pattern, origin));

    private static bool WildcardMatch(string pattern, string value)
    {
        if (!pattern.Contains('*'))
        {
            return string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
        }

        var regex = "^" + string.Join(".*", pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(value, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }
}
