using System.Net;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// <c>settings.superuserIPs</c>: when the list is not empty, superuser privileges are refused (403)
/// to clients whose IP matches none of its addresses or CIDR ranges, both when a superuser token is
/// presented and when a superuser signs in.
/// </summary>
public sealed class SuperuserIpGuard(RequestDelegate next, ISettingsSource settings)
{
    public Task InvokeAsync(HttpContext http)
    {
        // No async frame of its own: an async middleware costs a state machine per request that
        // waits, and on a new server each one's generic instantiation is compiled at the first such
        // request (docs/benchmarks.md, History, Tier A C1).
        if (RequestAuthState.Of(http).IsSuperuser)
        {
            Check(http, settings.Current);
        }

        return next(http);
    }

    /// <exception cref="ApiException">403 when the client IP is not allowed.</exception>
    public static void Check(HttpContext http, AppSettings current)
    {
        if (current.SuperuserIPs.Count > 0 && !Allowed(ClientIp.Of(http, current.TrustedProxy), current.SuperuserIPs))
        {
            throw ApiException.Forbidden("Accessing the API with superuser privileges from this IP address is not allowed.");
        }
    }

    public static bool Allowed(string ip, IReadOnlyList<string> allowList)
    {
        if (!IPAddress.TryParse(ip, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var entry in allowList)
        {
            var matches = entry.Contains('/')
                ? IPNetwork.TryParse(entry, out var network) && network.Contains(address)
                : IPAddress.TryParse(entry, out var single) && (single.IsIPv4MappedToIPv6 ? single.MapToIPv4() : single).Equals(address);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
