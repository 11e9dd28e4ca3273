using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>Registers and maps the auth flows beyond the core (mail flows, OTP, MFA, OAuth2, impersonate, rate limits) and the settings API.</summary>
public static class AuthFlows
{
    public static IServiceCollection AddAuthFlows(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SettingsService>();
        services.AddSingleton<ISettingsSource>(sp => sp.GetRequiredService<SettingsService>());
        services.AddHostedService<SettingsLoader>();
        services.AddHostedService<AuthRowsCleanup>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<AuthMails>();
        services.AddSingleton<BackgroundMail>();
        services.AddSingleton<ResendThrottle>();
        services.AddSingleton<AttemptLimiter>();
        services.AddSingleton<OtpCodes>();
        services.AddSingleton<MfaService>();
        services.AddSingleton<LoginAlerts>();
        services.AddSingleton<AuthCompletion>();
        services.AddSingleton(_ => new OAuth2Client(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }));
        services.AddSingleton<OAuth2Accounts>();
        return services;
    }

    public static void MapAuthFlows(this IEndpointRouteBuilder app)
    {
        app.MapVerificationApi();
        app.MapPasswordResetApi();
        app.MapEmailChangeApi();
        app.MapOtpApi();
        app.MapImpersonateApi();
        app.MapOAuth2Api();
        app.MapOAuth2RedirectApi();
        app.MapFileTokenApi();
        app.MapAppSettingsApi();
    }
}
