using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The realtime side of <c>/api/oauth2-redirect</c>: the client named by the OAuth2 <c>state</c>
/// gets one <c>@oauth2</c> message, if it subscribed to it from the same IP, and loses that
/// subscription (realtime.md §6).
/// </summary>
public sealed class RealtimeOAuth2RedirectTarget(IRealtimeBus bus) : IOAuth2RedirectTarget
{
    public const string Topic = "@oauth2";

    public Task<bool> DeliverAsync(string clientId, JsonObject data, string clientIp, CancellationToken cancellationToken)
    {
        var delivered = bus.Find(clientId) is { } client
            && string.Equals(client.RemoteIp, clientIp, StringComparison.Ordinal)
            && client.TryRemoveSubscription(Topic)
            && client.TrySend(RealtimeMessage.FromJson(Topic, data.ToJsonString(JsonOutput.Options)));
        return Task.FromResult(delivered);
    }
}
