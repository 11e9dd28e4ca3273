namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// What runs after the credentials and authRule were accepted and before the auth response is sent:
/// MFA (auth-tokens.md §7). <see cref="AuthResponses"/> calls it for every auth route.
/// </summary>
public sealed class AuthCompletion(MfaService mfa)
{
    public Task BeforeResponseAsync(HttpContext http, Records.Record record, string method) => mfa.CheckAsync(http, record, method);
}
