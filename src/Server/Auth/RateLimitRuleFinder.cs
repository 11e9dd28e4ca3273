using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Picks the rule for a request as upstream does: the labels are tried in order and the first exact
/// label match wins; labels ending in <c>/</c> (<c>/api/</c>, <c>POST /api/</c>) also match as path prefixes (longest first) once no
/// exact rule matched. A rule's audience must be <c>""</c> or the caller's (<c>@guest</c>/<c>@auth</c>).
/// </summary>
public static class RateLimitRuleFinder
{
    public static RateLimitRule? Find(IReadOnlyList<RateLimitRule> rules, IReadOnlyList<string> labels, bool isAuthenticated)
    {
        var audience = isAuthenticated ? "@auth" : "@guest";
        var usable = rules.Where(r => r.Audience.Length == 0 || r.Audience == audience).ToList();

        foreach (var label in labels)
        {
            // A rule for the caller's own audience is more specific than one for everybody.
            var exact = usable.Where(r => r.Label == label).OrderByDescending(r => r.Audience.Length).FirstOrDefault();
            if (exact is not null)
            {
                return exact;
            }
        }

        // The last two labels are "METHOD /path" and "/path"; rules ending in '/' match them as prefixes.
        var prefixable = labels.Skip(Math.Max(0, labels.Count - 2)).Select(l => l + "/").ToList();
        return usable
            .Where(r => r.Label.EndsWith('/') && prefixable.Exists(l => l.StartsWith(r.Label, StringComparison.Ordinal)))
            .OrderByDescending(r => r.Label.Length)
            .ThenByDescending(r => r.Audience.Length)
            .FirstOrDefault();
    }
}
