namespace PocketBaseSharp.Server.Tests.AuthFlows.OAuth2;

/// <summary>An account at <see cref="OidcTestProvider"/>.</summary>
public sealed record OidcTestUser(string Subject, string Email, string Name, bool EmailVerified = true, string Login = "", string Picture = "");
