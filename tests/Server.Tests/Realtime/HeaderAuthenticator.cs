using Microsoft.AspNetCore.Http;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Realtime;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>A test authenticator: <c>Authorization: COLLECTION_ID:RECORD_ID</c>, anything else is a guest.</summary>
public sealed class HeaderAuthenticator : IRealtimeAuthenticator
{
    public ValueTask<RealtimeAuth?> AuthenticateAsync(HttpContext http)
    {
        var parts = http.Request.Headers.Authorization.ToString().Split(':');
        return ValueTask.FromResult(parts.Length == 2 ? Auth(parts[1], parts[0]) : null);
    }

    public static RealtimeAuth Auth(string id, string collectionId = "_pb_users_auth_", string tokenKey = "key") =>
        new(new Record(
            new Collection { Id = collectionId, Name = collectionId, Type = "auth" },
            new Dictionary<string, object?> { ["id"] = id, ["tokenKey"] = tokenKey }));
}
