using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// One entry of a collection's <c>oauth2.providers</c>, merged with its kind's defaults: empty URLs
/// and a <c>null</c> <c>pkce</c> fall back to what the named provider normally uses.
/// </summary>
public sealed record OAuth2ProviderConfig(
    OAuth2ProviderKind Kind,
    string ClientId,
    string ClientSecret,
    string AuthUrl,
    string TokenUrl,
    string UserInfoUrl,
    string DisplayName,
    bool Pkce)
{
    public string Name => Kind.Name;

    /// <summary>Reads an options entry; null when the name is not one this server can sign in with.</summary>
    public static OAuth2ProviderConfig? From(JsonObject entry)
    {
        var kind = OAuth2ProviderKinds.Find(Str(entry["name"]));
        if (kind is null)
        {
            return null;
        }

        var pkce = entry["pkce"]?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => kind.Pkce,
        };
        return new OAuth2ProviderConfig(
            kind,
            Str(entry["clientId"]),
            Str(entry["clientSecret"]),
            Or(Str(entry["authURL"]), kind.AuthUrl),
            Or(Str(entry["tokenURL"]), kind.TokenUrl),
            Or(Str(entry["userInfoURL"]), kind.UserInfoUrl),
            Or(Str(entry["displayName"]), kind.DisplayName),
            pkce);
    }

    /// <summary>The configured providers of an auth collection's options, in their order.</summary>
    public static IReadOnlyList<OAuth2ProviderConfig> AllOf(JsonObject collectionOptions) =>
        (collectionOptions["oauth2"] as JsonObject)?["providers"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(From).OfType<OAuth2ProviderConfig>()]
            : [];

    public static bool Enabled(JsonObject collectionOptions) =>
        (collectionOptions["oauth2"] as JsonObject)?["enabled"]?.GetValueKind() == JsonValueKind.True;

    private static string Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
