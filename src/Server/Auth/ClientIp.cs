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
            if (FromHeader(http.Request.Headers[header].ToString(), proxy) is { } ip)
            {
                return ip;
            }
        }

        return http.Connection.RemoteIpAddress?.ToString() ?? "";
    }

    /// <summary>The IP a trusted proxy header names; null when the header is empty.</summary>
    public static string? FromHeader(string value, TrustedProxySettings proxy)
    {
        // X-Forwarded-For style lists: the proxy appends, so the rightmost entry is the trusted one.
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : proxy.UseLeftmostIP ? parts[0] : parts[^1];
    }
}
