using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The client's IP as upstream's <c>RealIP</c>: the connection's address unless
/// <c>settings.trustedProxy.headers</c> names headers set by a proxy in front of the server.
/// </summary>
public static class ClientIp
{
    public static string Of(HttpContext http, TrustedProxySettings proxy) =>
        Of(http, static (h, name) => h.Request.Headers[name].ToString(), http.Connection.RemoteIpAddress?.ToString() ?? "", proxy);

    /// <summary>
    /// The same rule for a request whose headers are read through <paramref name="header"/> (""
    /// when absent): the realtime connection gate answers below the HTTP pipeline, with no HttpContext.
    /// </summary>
    public static string Of<TRequest>(TRequest request, Func<TRequest, string, string> header, string remoteIp, TrustedProxySettings proxy)
    {
        foreach (var name in proxy.Headers ?? [])
        {
            // X-Forwarded-For style lists: the proxy appends, so the rightmost entry is the trusted one.
            var parts = header(request, name).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0)
            {
                return proxy.UseLeftmostIP ? parts[0] : parts[^1];
            }
        }

        return remoteIp;
    }
}
