namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// The check upstream makes on the raw <c>filter</c>/<c>sort</c> text of a non-superuser before
/// compiling (rules-and-filters.md §7.1): references to <c>@collection.</c> or <c>@request.</c> are
/// answered with 403. It looks at the raw text, as upstream does, so it also fires inside quotes.
/// </summary>
public static class ClientFilterGuard
{
    /// <summary>The 403 message for the first forbidden reference, or null when the text is allowed.</summary>
    public static string? ForbiddenReference(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Contains("@collection.", StringComparison.Ordinal))
        {
            return "Only superusers can filter by @collection.";
        }

        return text.Contains("@request.", StringComparison.Ordinal) ? "Only superusers can filter by @request." : null;
    }
}
