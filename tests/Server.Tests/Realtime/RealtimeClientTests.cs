using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

public sealed class RealtimeClientTests
{
    private static readonly RealtimeMessage Message = RealtimeMessage.FromJson("posts/*", "{}");

    [Test]
    public void TrySend_FullQueue_ClosesClientInsteadOfWaiting()
    {
        using var client = new RealtimeClient("c", null, capacity: 3);

        var accepted = Enumerable.Range(0, 5).Select(_ => client.TrySend(Message)).ToList();

        Assert.That(accepted, Is.EqualTo(new[] { true, true, true, false, false }));
        Assert.That(client.IsClosed, Is.True);
        Assert.That(client.Closed.IsCancellationRequested, Is.True);
    }

    [Test]
    public void TrySend_DrainedQueue_KeepsAccepting()
    {
        using var client = new RealtimeClient("c", null, capacity: 2);

        for (var i = 0; i < 10; i++)
        {
            Assert.That(client.TrySend(Message), Is.True);
            Assert.That(client.Queue.TryRead(out _), Is.True);
        }

        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public void TryUpdate_GuestMayAuthenticateButNotSwitchOrDrop()
    {
        using var client = new RealtimeClient("c", null, capacity: 2);
        var alice = Auth("alice");

        Assert.That(client.TryUpdate(null, []), Is.True);
        Assert.That(client.TryUpdate(alice, [SubscriptionParser.Parse("posts")]), Is.True);
        Assert.That(client.TryUpdate(Auth("alice"), []), Is.True, "same record again");
        Assert.That(client.TryUpdate(Auth("bob"), [SubscriptionParser.Parse("x")]), Is.False);
        Assert.That(client.TryUpdate(null, [SubscriptionParser.Parse("x")]), Is.False);
        Assert.That(client.Auth!.RecordId, Is.EqualTo("alice"));
        Assert.That(client.Subscriptions, Is.Empty);
    }

    [Test]
    public void TryUpdate_SameIdOtherCollection_IsAnotherRecord()
    {
        using var client = new RealtimeClient("c", null, capacity: 2);
        client.TryUpdate(Auth("alice"), []);

        Assert.That(client.TryUpdate(Auth("alice", "other"), []), Is.False);
    }

    [Test]
    public void TryReplaceAuth_OnlyWhenUnchanged()
    {
        using var client = new RealtimeClient("c", null, capacity: 2);
        var alice = Auth("alice");
        client.TryUpdate(alice, []);

        Assert.That(client.TryReplaceAuth(Auth("alice"), null), Is.False, "compares by reference");
        Assert.That(client.TryReplaceAuth(alice, null), Is.True);
        Assert.That(client.Auth, Is.Null);
    }

    [Test]
    public void Bus_UnregisterOfAReplacedClient_KeepsTheNewOne()
    {
        var bus = new InProcessRealtimeBus();
        using var first = new RealtimeClient("same", null, 2);
        using var second = new RealtimeClient("same", null, 2);
        bus.Register(first);
        bus.Unregister(first);
        bus.Register(second);

        bus.Unregister(first);

        Assert.That(bus.Find("same"), Is.SameAs(second));
        Assert.That(bus.Clients, Is.EquivalentTo(new[] { second }));
        Assert.That(bus.Send("same", Message), Is.True);
        Assert.That(bus.Send("missing", Message), Is.False);
    }

    private static RealtimeAuth Auth(string id, string collection = "_pb_users_auth_") => HeaderAuthenticator.Auth(id, collection);
}
