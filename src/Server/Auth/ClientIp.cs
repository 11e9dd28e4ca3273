using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The client's IP as upstream's <c>RealIP</c>: the connection's address unless
/// <c>settings.trustedProxy.headers</c> names headers set by a proxy in front of the server.
/// </summary>
public static class ClientIp
{
    public static string Of(HttpContext http, TrustedProxySettings proxy)
    {
        foreach (var header in proxy.Headers ?? [])
        {
            var value = http.Request.Headers[header].ToString();
            if (value.Length == 0)
            {
                continue;
            }

            // X-Forwarded-For style lists: the proxy appends, so the rightmost entry is the trusted one.
            var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0)
            {
                return proxy.UseLeftmostIP ? parts[0] : parts[^1];
            }
        }

        return http.Connection.RemoteIpAddress?.ToString() ?? "";
    }
}
