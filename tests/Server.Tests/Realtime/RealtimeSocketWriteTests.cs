using System.Net;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// Messages of subscribed plaintext streams written straight to their sockets
/// (<see cref="RealtimeSocketWriter"/>), over hand-written HTTP/1.1: when the switch happens, that
/// both kinds of stream (served by the gate and by the pipeline) stay well-formed chunked
/// responses, and what happens when a socket cannot take a message.
/// </summary>
public sealed class RealtimeSocketWriteTests
{
    private const string Request = "GET /api/realtime HTTP/1.1\r\nHost: test\r\n\r\n";

    [Test, CancelAfter(10_000)]
    public async Task SubscribedStream_GetsItsMessagesFromTheSocket_InOrder(CancellationToken ct)
    {
        await using var host = await ProtocolHost.StartAsync();
        var (connection, clientId) = await RawHttpConnection.OpenStreamAsync(host.Address, Request, ct);
        using var _connection = connection;
        using var sends = RealtimeCounter.SocketSends();

        // Before the client subscribed it may not have read PB_CONNECT: Kestrel still writes.
        Assert.That(host.Bus.Send(clientId, RealtimeMessage.FromJson("early", "{}")), Is.True);
        Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:early\ndata:{{}}\n\n"));
        Assert.That(sends.Count, Is.Zero);

        await SubscribeAsync(host, clientId, ct);
        for (var i = 0; i < 50; i++)
        {
            Assert.That(host.Bus.Send(clientId, RealtimeMessage.FromJson("posts/*", $"{{\"n\":{i}}}")), Is.True);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:posts/*\ndata:{{\"n\":{i}}}\n\n"));
        }

        Assert.That(sends.Count, Is.EqualTo(50));
    }

    [Test, CancelAfter(15_000)]
    public async Task StreamOnAKeptAliveConnection_AlsoUsesTheSocket_AndEndsAsAResponse(CancellationToken ct)
    {
        await using var host = await ProtocolHost.StartAsync(idleTimeout: TimeSpan.FromSeconds(1.5));
        using var connection = await RawHttpConnection.OpenAsync(host.Address, ct);
        using var gate = RealtimeCounter.DirectStreams();
        using var sends = RealtimeCounter.SocketSends();

        var clientId = await OpenPipelineStreamAsync(connection, ct);
        Assert.That(gate.Count, Is.Zero);

        await SubscribeAsync(host, clientId, ct);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(host.Bus.Send(clientId, RealtimeMessage.FromJson("posts/*", $"{{\"n\":{i}}}")), Is.True);
            Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:posts/*\ndata:{{\"n\":{i}}}\n\n"));
        }

        Assert.That(sends.Count, Is.EqualTo(3));

        // The idle timeout ends the stream: Kestrel's last chunk follows the bytes written to the
        // socket, and the connection carries the next request.
        Assert.That(await connection.ReadChunkAsync(ct), Is.Empty);
        await connection.SendAsync(Request, ct);
        Assert.That((await connection.ReadHeadAsync(ct)).Status, Is.EqualTo("HTTP/1.1 200 OK"));
    }

    [Test, CancelAfter(10_000)]
    public async Task AResponseBodyThatIsEncoded_KeepsItsMessagesInThePipeline(CancellationToken ct)
    {
        // A middleware that encodes the body (as compression would) owns the bytes on the wire.
        await using var host = await ProtocolHost.StartAsync(middleware: (http, next) =>
        {
            http.Response.Headers.ContentEncoding = "identity";
            return next(http);
        });
        using var connection = await RawHttpConnection.OpenAsync(host.Address, ct);
        using var sends = RealtimeCounter.SocketSends();
        var clientId = await OpenPipelineStreamAsync(connection, ct);

        await SubscribeAsync(host, clientId, ct);
        Assert.That(host.Bus.Send(clientId, RealtimeMessage.FromJson("posts/*", "{}")), Is.True);

        Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:posts/*\ndata:{{}}\n\n"));
        Assert.That(sends.Count, Is.Zero);
    }

    [Test, CancelAfter(30_000)]
    public async Task SocketThatCannotTakeAMessage_QueuesTheRest_AndEverythingArrivesInOrder(CancellationToken ct)
    {
        await using var host = await ProtocolHost.StartAsync();
        var (connection, clientId) = await RawHttpConnection.OpenStreamAsync(host.Address, Request, ct, receiveBuffer: 4096);
        using var _connection = connection;
        await SubscribeAsync(host, clientId, ct);
        using var sends = RealtimeCounter.SocketSends();
        const int count = 200;
        var filler = new string('x', 64 * 1024);

        // 13 MB while the client does not read: more than the kernel buffers hold, so the socket
        // takes part of a message at some point and the rest waits in the queue.
        for (var i = 0; i < count; i++)
        {
            Assert.That(host.Bus.Send(clientId, RealtimeMessage.FromJson("big", $"\"{i}:{filler}\"")), Is.True);
        }

        Assert.That(sends.Count, Is.LessThan(count), "some messages had to wait");
        for (var i = 0; i < count; i++)
        {
            Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:big\ndata:\"{i}:{filler}\"\n\n"), $"message {i}");
        }

        Assert.That(host.Bus.Send(clientId, RealtimeMessage.FromJson("after", "{}")), Is.True);
        Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:after\ndata:{{}}\n\n"));
    }

    [Test, CancelAfter(30_000)]
    public async Task StuckSubscriber_IsDropped_AndItsConnectionClosed(CancellationToken ct)
    {
        await using var host = await ProtocolHost.StartAsync(queueCapacity: 16);
        var (stuck, stuckId) = await RawHttpConnection.OpenStreamAsync(host.Address, Request, ct, receiveBuffer: 4096);
        using var _stuck = stuck;
        var (healthy, healthyId) = await RawHttpConnection.OpenStreamAsync(host.Address, Request, ct);
        using var _healthy = healthy;
        await SubscribeAsync(host, stuckId, ct);
        await SubscribeAsync(host, healthyId, ct);
        var payload = RealtimeMessage.FromJson("big", $"\"{new string('x', 64 * 1024)}\"");

        var rejected = false;
        for (var i = 0; i < 2000 && !rejected; i++)
        {
            rejected = !host.Bus.Send(stuckId, payload);
        }

        Assert.That(rejected, Is.True, "the queue of the stuck client overflowed");

        // Its socket is full (a frame may even be cut short): the connection is closed rather than
        // given a last chunk it would never read.
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        closing.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.That(await stuck.ClosedByServerAsync(closing.Token), Is.True);
        Assert.That(host.Bus.Find(stuckId), Is.Null);
        Assert.That(host.Bus.Send(healthyId, RealtimeMessage.FromJson("ok", "{}")), Is.True);
        Assert.That(await healthy.ReadChunkAsync(ct), Is.EqualTo($"id:{healthyId}\nevent:ok\ndata:{{}}\n\n"));
    }

    /// <summary>A first request that is not a stream, then a stream, which the pipeline serves; returns its client id.</summary>
    private static async Task<string> OpenPipelineStreamAsync(RawHttpConnection connection, CancellationToken ct)
    {
        await connection.SendAsync("POST /api/realtime HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", ct);
        var (status, headers) = await connection.ReadHeadAsync(ct);
        Assert.That(status, Does.StartWith("HTTP/1.1 400"));
        await connection.ReadBodyAsync(int.Parse(headers.Single(h => h.Name == "Content-Length").Value, System.Globalization.CultureInfo.InvariantCulture), ct);
        await connection.SendAsync(Request, ct);
        await connection.ReadHeadAsync(ct);
        return (await connection.ReadChunkAsync(ct))[3..43];
    }

    private static async Task SubscribeAsync(ProtocolHost host, string clientId, CancellationToken ct)
    {
        using var response = await host.SubscribeAsync(null, RealtimeProtocolTests.Body(clientId, "posts/*"), ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
