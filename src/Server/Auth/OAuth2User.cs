using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>The provider account behind an OAuth2 sign-in, normalised across providers.</summary>
public sealed record OAuth2User(
    string Id,
    string Name,
    string Username,
    string Email,
    string AvatarUrl,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset? Expiry,
    JsonObject RawUser);
