using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The IP a realtime client is bound to, resolved as everywhere else in the API (trusted proxy
/// headers from the settings); the socket address when no settings are registered.
/// </summary>
public static class RealtimeClientAddress
{
    public static string Of(HttpContext http) =>
        http.RequestServices.GetService<ISettingsSource>() is { } settings
            ? ClientIp.Of(http, settings.Current.TrustedProxy)
            : http.Connection.RemoteIpAddress?.ToString() ?? "";
}
