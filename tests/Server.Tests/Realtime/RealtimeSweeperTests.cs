using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>The shared idle/lifetime sweep, driven with explicit clock values (no waiting).</summary>
public sealed class RealtimeSweeperTests
{
    private static readonly RealtimeOptions Settings = new()
    {
        IdleTimeout = TimeSpan.FromSeconds(10),
        MaxLifetime = TimeSpan.FromSeconds(60),
    };

    [Test]
    public void Sweep_ClosesIdleClients_KeepsRecentOnes()
    {
        using var client = new RealtimeClient("c", null, capacity: 2);
        var start = client.LastActivity;

        Assert.That(RealtimeSweeper.Sweep([client], Settings, start + 9_999), Is.Zero);
        Assert.That(client.IsClosed, Is.False);

        Assert.That(RealtimeSweeper.Sweep([client], Settings, start + 10_000), Is.EqualTo(1));
        Assert.That(client.IsClosed, Is.True);
        Assert.That(client.Closed.IsCancellationRequested, Is.True);
    }

    [Test]
    public void Sweep_MarkActive_RestartsTheIdleTimeout_ButNotTheLifetime()
    {
        using var client = new RealtimeClient("c", null, capacity: 2);
        client.MarkActive();
        var active = client.LastActivity;

        Assert.That(client.IsExpired(active + 9_999, Settings.IdleTimeout, Settings.MaxLifetime), Is.False);
        Assert.That(client.IsExpired(active + 10_000, Settings.IdleTimeout, Settings.MaxLifetime), Is.True);
        Assert.That(client.IsExpired(client.ConnectedAt + 60_000, TimeSpan.FromHours(1), Settings.MaxLifetime), Is.True);
    }

    [Test]
    public void Sweep_SkipsClosedClients()
    {
        using var closed = new RealtimeClient("a", null, capacity: 2);
        using var open = new RealtimeClient("b", null, capacity: 2);
        closed.Close();

        Assert.That(RealtimeSweeper.Sweep([closed, open], Settings, open.LastActivity + 10_000), Is.EqualTo(1));
        Assert.That(open.IsClosed, Is.True);
    }

    [TestCase(300_000, 1_800_000, 1_000)]
    [TestCase(1_500, 1_800_000, 150)]
    [TestCase(300_000, 1_500, 150)]
    [TestCase(50, 1_800_000, 10)]
    public void Interval_IsATenthOfTheShorterLimit_Between10msAnd1s(int idleMs, int lifetimeMs, int expectedMs)
    {
        var settings = new RealtimeOptions { IdleTimeout = TimeSpan.FromMilliseconds(idleMs), MaxLifetime = TimeSpan.FromMilliseconds(lifetimeMs) };

        Assert.That(RealtimeSweeper.Interval(settings), Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }
}
