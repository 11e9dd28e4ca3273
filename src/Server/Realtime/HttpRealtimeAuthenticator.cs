using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>The auth record the server's auth middleware resolved for this request (guest when none).</summary>
public sealed class HttpRealtimeAuthenticator : IRealtimeAuthenticator
{
    public ValueTask<RealtimeAuth?> AuthenticateAsync(HttpContext http) =>
        ValueTask.FromResult(RequestAuthState.Of(http).Record is { } record ? new RealtimeAuth(record) : null);
}
