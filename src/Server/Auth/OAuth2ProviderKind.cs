using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// What a named provider is by default (display name, endpoints, scopes, PKCE) and how its user
/// JSON maps to an <see cref="OAuth2User"/>. A configured provider may override the endpoints.
/// </summary>
public sealed record OAuth2ProviderKind(
    string Name,
    string DisplayName,
    string AuthUrl,
    string TokenUrl,
    string UserInfoUrl,
    IReadOnlyList<string> Scopes,
    bool Pkce,
    Func<JsonObject, OAuth2UserFields> MapUser);
