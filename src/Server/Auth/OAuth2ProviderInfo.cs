using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// A provider entry of <c>auth-methods</c>: a fresh random <c>state</c> and PKCE pair and the
/// authorize URL ending in <c>&amp;redirect_uri=</c>, to which the SDK appends its redirect URL.
/// </summary>
public static class OAuth2ProviderInfo
{
    public static JsonObject Create(OAuth2ProviderConfig provider)
    {
        var state = RandomText.Alphanumeric(30);
        var verifier = provider.Pkce ? RandomText.Alphanumeric(43) : "";
        var challenge = provider.Pkce ? OAuth2Pkce.Challenge(verifier) : "";
        var method = provider.Pkce ? OAuth2Pkce.Method : "";

        // Sorted keys, as Go's url.Values.Encode writes them.
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["client_id"] = provider.ClientId,
            ["response_type"] = "code",
            ["scope"] = string.Join(' ', provider.Kind.Scopes),
            ["state"] = state,
        };
        if (provider.Pkce)
        {
            query["code_challenge"] = challenge;
            query["code_challenge_method"] = method;
        }

        var separator = provider.AuthUrl.Contains('?') ? "&" : "?";
        var url = provider.AuthUrl + separator + string.Join('&', query.Select(p => Escape(p.Key) + "=" + Escape(p.Value))) + "&redirect_uri=";
        return new JsonObject
        {
            ["name"] = provider.Name,
            ["displayName"] = provider.DisplayName,
            ["state"] = state,
            ["authURL"] = url,
            ["codeVerifier"] = verifier,
            ["codeChallenge"] = challenge,
            ["codeChallengeMethod"] = method,
            ["authUrl"] = url,
        };
    }

    // Go's url.QueryEscape: space as '+'.
    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
