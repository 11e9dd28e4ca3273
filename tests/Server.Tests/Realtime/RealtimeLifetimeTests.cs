using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>Idle timeout and slow-client drop, each on a host configured to make them quick.</summary>
public sealed class RealtimeLifetimeTests
{
    [Test, CancelAfter(15_000)]
    public async Task IdleStream_EndsAfterIdleTimeout_AndMessagesRestartTheTimer(CancellationToken cancellationToken)
    {
        await using var host = await ProtocolHost.StartAsync(idleTimeout: TimeSpan.FromMilliseconds(1500));
        using var connection = await host.ConnectAsync(cancellationToken);
        var started = DateTime.UtcNow;

        // Messages every 500 ms keep the stream alive past the 1.5 s timeout.
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(500, cancellationToken);
            Assert.That(host.Bus.Send(connection.ClientId, RealtimeMessage.FromJson("tick", "{}")), Is.True);
            Assert.That((await connection.Reader.NextAsync(cancellationToken))!.Name, Is.EqualTo("tick"));
        }

        Assert.That(DateTime.UtcNow - started, Is.GreaterThan(TimeSpan.FromSeconds(2.5)));
        Assert.That(await connection.Reader.EndsWithinAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(host.Bus.Find(connection.ClientId), Is.Null);
    }

    [Test, CancelAfter(15_000)]
    public async Task BusyStream_EndsAtItsMaxLifetime(CancellationToken cancellationToken)
    {
        await using var host = await ProtocolHost.StartAsync(maxLifetime: TimeSpan.FromMilliseconds(1500));
        using var connection = await host.ConnectAsync(cancellationToken);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ended = false;

        while (!ended && started.Elapsed < TimeSpan.FromSeconds(8))
        {
            host.Bus.Send(connection.ClientId, RealtimeMessage.FromJson("tick", "{}"));
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(1000);
            ended = await connection.Reader.NextAsync(wait.Token) is null;
            await Task.Delay(200, cancellationToken);
        }

        Assert.That(ended, Is.True);
        Assert.That(started.Elapsed, Is.InRange(TimeSpan.FromSeconds(1.3), TimeSpan.FromSeconds(4)));
    }

    [Test, CancelAfter(30_000)]
    public async Task StuckClient_IsDropped_WithoutBlockingTheSender(CancellationToken cancellationToken)
    {
        await using var host = await ProtocolHost.StartAsync(queueCapacity: 16);
        using var stuck = await host.ConnectAsync(cancellationToken);
        using var healthy = await host.ConnectAsync(cancellationToken);
        var payload = RealtimeMessage.FromJson("big", $"\"{new string('x', 64 * 1024)}\"");

        // The stuck client never reads: once the socket buffers are full its queue overflows.
        var sendTime = System.Diagnostics.Stopwatch.StartNew();
        var rejected = false;
        for (var i = 0; i < 2000 && !rejected; i++)
        {
            rejected = !host.Bus.Send(stuck.ClientId, payload);
            if (i % 16 == 0)
            {
                await Task.Delay(1, cancellationToken);
            }
        }

        Assert.That(rejected, Is.True, "the queue of the stuck client overflowed");
        Assert.That(sendTime.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        while (host.Bus.Find(stuck.ClientId) is not null)
        {
            await Task.Delay(20, cancellationToken);
        }

        Assert.That(host.Bus.Send(healthy.ClientId, RealtimeMessage.FromJson("ok", "{}")), Is.True);
        Assert.That((await healthy.Reader.NextAsync(cancellationToken))!.Name, Is.EqualTo("ok"));
    }
}
