using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

public sealed class RealtimeOAuth2RedirectTargetTests
{
    private readonly InProcessRealtimeBus _bus = new();

    [Test]
    public async Task Deliver_SendsOnceAndRemovesOnlyTheOAuth2Subscription()
    {
        using var client = Register("10.0.0.1", "@oauth2", "posts");
        var target = new RealtimeOAuth2RedirectTarget(_bus);
        var data = new JsonObject { ["state"] = client.Id, ["code"] = "abc" };

        Assert.That(await target.DeliverAsync(client.Id, data, "10.0.0.1", CancellationToken.None), Is.True);
        Assert.That(await target.DeliverAsync(client.Id, data, "10.0.0.1", CancellationToken.None), Is.False);

        Assert.That(client.Subscriptions.Select(s => s.Key), Is.EqualTo(new[] { "posts" }));
        Assert.That(client.Queue.TryRead(out var message), Is.True);
        Assert.That(SseFrame.ToText(client.Id, message!), Is.EqualTo($"id:{client.Id}\nevent:@oauth2\ndata:{{\"state\":\"{client.Id}\",\"code\":\"abc\"}}\n\n"));
        Assert.That(client.Queue.TryRead(out _), Is.False);
    }

    [Test]
    public async Task Deliver_OtherIpUnsubscribedOrUnknown_Fails()
    {
        using var subscribed = Register("10.0.0.1", "@oauth2");
        using var unsubscribed = Register("10.0.0.1", "posts");
        var target = new RealtimeOAuth2RedirectTarget(_bus);
        var data = new JsonObject { ["code"] = "abc" };

        Assert.That(await target.DeliverAsync(subscribed.Id, data, "10.0.0.2", CancellationToken.None), Is.False);
        Assert.That(await target.DeliverAsync(unsubscribed.Id, data, "10.0.0.1", CancellationToken.None), Is.False);
        Assert.That(await target.DeliverAsync("unknown", data, "10.0.0.1", CancellationToken.None), Is.False);
        Assert.That(subscribed.Subscriptions.Single().Key, Is.EqualTo("@oauth2"), "a failed attempt keeps the subscription");
    }

    private RealtimeClient Register(string ip, params string[] topics)
    {
        var client = new RealtimeClient(RealtimeClientId.New(), ip, 10);
        client.TryUpdate(null, [.. topics.Select(SubscriptionParser.Parse)]);
        _bus.Register(client);
        return client;
    }
}
