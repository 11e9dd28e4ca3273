using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Auth;

/// <summary>The OAuth2 parts of <c>auth-methods</c> (http-api.md §4.1): fresh state and PKCE per request.</summary>
public static class OAuth2Methods
{
    /// <summary>The modern <c>oauth2</c> key; <c>providers</c> is always an array.</summary>
    public static JsonObject Modern(Collection c, IReadOnlyList<JsonObject> providers) => new()
    {
        ["enabled"] = Enabled(c),
        ["providers"] = new JsonArray([.. providers.Select(p => (JsonNode?)p.DeepClone())]),
    };

    /// <summary>The legacy <c>authProviders</c> (SDK ≤ 0.21): the same entries when enabled, else null.</summary>
    public static JsonNode? Legacy(Collection c, IReadOnlyList<JsonObject> providers) =>
        Enabled(c) ? new JsonArray([.. providers.Select(p => (JsonNode?)p.DeepClone())]) : null;

    /// <summary>One entry per configured provider this server supports; none when OAuth2 is off.</summary>
    public static IReadOnlyList<JsonObject> Providers(Collection c) =>
        Enabled(c) ? [.. OAuth2ProviderConfig.AllOf(c.Options).Select(OAuth2ProviderInfo.Create)] : [];

    private static bool Enabled(Collection c) => !c.IsSuperusers && OAuth2ProviderConfig.Enabled(c.Options);
}
