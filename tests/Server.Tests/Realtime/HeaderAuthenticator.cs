using Microsoft.AspNetCore.Http;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>A test authenticator: <c>Authorization: COLLECTION_ID:RECORD_ID</c>, anything else is a guest.</summary>
public sealed class HeaderAuthenticator : IRealtimeAuthenticator
{
    public ValueTask<RealtimeAuth?> AuthenticateAsync(HttpContext http)
    {
        var parts = http.Request.Headers.Authorization.ToString().Split(':');
        RealtimeAuth? auth = parts.Length == 2
            ? new RealtimeAuth(new RequestAuth(parts[1], parts[0], parts[0], new Dictionary<string, object?>()), false, "key")
            : null;
        return ValueTask.FromResult(auth);
    }
}
