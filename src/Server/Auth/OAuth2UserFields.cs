namespace PocketBaseSharp.Server.Auth;

/// <summary>The identity fields read from a provider's user JSON (email empty when not verified).</summary>
public sealed record OAuth2UserFields(string Id, string Name, string Username, string Email, string AvatarUrl);
