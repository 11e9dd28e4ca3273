using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Delivers the provider's redirect to the realtime client that waits for it (topic <c>@oauth2</c>,
/// the SDK's all-in-one <c>authWithOAuth2()</c>). Implemented by the realtime feature.
/// </summary>
public interface IOAuth2RedirectTarget
{
    /// <summary>
    /// Sends <c>event:@oauth2</c> with <paramref name="data"/> to client <paramref name="clientId"/> and
    /// unsubscribes it from <c>@oauth2</c>. False when there is no such client, it is not subscribed to
    /// <c>@oauth2</c>, or it connected from another IP than <paramref name="clientIp"/>.
    /// </summary>
    Task<bool> DeliverAsync(string clientId, JsonObject data, string clientIp, CancellationToken cancellationToken);
}
