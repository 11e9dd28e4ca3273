namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// What runs after the credentials and authRule were accepted and before the auth response is sent:
/// the superuser IP allow-list, MFA (auth-tokens.md §7), then the login alert bookkeeping (§8) once the sign-in is complete.
/// <see cref="AuthResponses"/> calls it for every auth route; refresh and impersonation pass the
/// method <c>default</c> and skip both.
/// </summary>
public sealed class AuthCompletion(MfaService mfa, LoginAlerts alerts, Settings.ISettingsSource settings)
{
    private static readonly HashSet<string> AuthMethods = ["password", "otp", "oauth2"];

    public async Task BeforeResponseAsync(HttpContext http, Records.Record record, string method)
    {
        if (record.Collection.IsSuperusers)
        {
            SuperuserIpGuard.Check(http, settings.Current);
        }

        if (!AuthMethods.Contains(method))
        {
            return;
        }

        await mfa.CheckAsync(http, record, method);
        await alerts.TrackAsync(http, record);
    }
}
