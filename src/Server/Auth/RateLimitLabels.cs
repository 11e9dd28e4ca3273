using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The labels a request is looked up by, most specific first: <c>collection:action</c> and
/// <c>*:action</c> for every action of a collection route (auth routes also carry the tag
/// <c>auth</c>), then <c>METHOD /path</c> and <c>/path</c>.
/// </summary>
public static partial class RateLimitLabels
{
    private static readonly Dictionary<string, string[]> AuthActions = new(StringComparer.Ordinal)
    {
        ["POST auth-with-password"] = ["authWithPassword", "auth"],
        ["POST auth-with-oauth2"] = ["authWithOAuth2", "auth"],
        ["POST auth-with-otp"] = ["authWithOTP", "auth"],
        ["POST auth-refresh"] = ["authRefresh"],
        ["GET auth-methods"] = ["listAuthMethods"],
        ["POST request-otp"] = ["requestOTP"],
        ["POST request-password-reset"] = ["requestPasswordReset"],
        ["POST confirm-password-reset"] = ["confirmPasswordReset"],
        ["POST request-verification"] = ["requestVerification"],
        ["POST confirm-verification"] = ["confirmVerification"],
        ["POST request-email-change"] = ["requestEmailChange"],
        ["POST confirm-email-change"] = ["confirmEmailChange"],
    };

    public static IReadOnlyList<string> For(string method, string path)
    {
        var labels = new List<string>();
        var (collection, actions) = CollectionActions(method, path);
        if (collection is not null)
        {
            foreach (var action in actions)
            {
                labels.Add(collection + ":" + action);
                labels.Add("*:" + action);
            }
        }

        labels.Add(method + " " + path);
        labels.Add(path);
        return labels;
    }

    private static (string? Collection, string[] Actions) CollectionActions(string method, string path)
    {
        var m = CollectionRoute().Match(path);
        if (m.Success)
        {
            var collection = Uri.UnescapeDataString(m.Groups["c"].Value);
            var rest = m.Groups["rest"].Value;
            if (rest == "records")
            {
                return method switch { "GET" => (collection, ["list"]), "POST" => (collection, ["create"]), _ => (null, []) };
            }

            if (rest.StartsWith("records/", StringComparison.Ordinal) && !rest[8..].Contains('/'))
            {
                return method switch
                {
                    "GET" => (collection, ["view"]),
                    "PATCH" => (collection, ["update"]),
                    "DELETE" => (collection, ["delete"]),
                    _ => (null, []),
                };
            }

            return AuthActions.TryGetValue(method + " " + rest, out var actions) ? (collection, actions) : (null, []);
        }

        var file = FileRoute().Match(path);
        return file.Success && method is "GET" or "HEAD" ? (Uri.UnescapeDataString(file.Groups["c"].Value), ["file"]) : (null, []);
    }

    [GeneratedRegex("^/api/collections/(?<c>[^/]+)/(?<rest>.+)$")]
    private static partial Regex CollectionRoute();

    [GeneratedRegex("^/api/files/(?<c>[^/]+)/[^/]+/[^/]+$")]
    private static partial Regex FileRoute();
}
