using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// Streams served directly on the connection (<see cref="RealtimeConnectionGate"/>) against the
/// same protocol host, over hand-written HTTP/1.1: which requests the gate takes, that it answers
/// as the pipeline does, and that the connection goes back to Kestrel afterwards.
/// </summary>
public sealed class RealtimeConnectionGateTests
{
    private const string Request = "GET /api/realtime HTTP/1.1\r\nHost: test\r\n\r\n";

    private ProtocolHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await ProtocolHost.StartAsync(idleTimeout: TimeSpan.FromSeconds(1.5));

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task FirstRequest_IsServedDirectly_AsChunkedFrames(CancellationToken ct)
    {
        using var counter = RealtimeCounter.DirectStreams();
        using var connection = await RawHttpConnection.OpenAsync(_host.Address, ct);

        await connection.SendAsync(Request, ct);
        var (status, headers) = await connection.ReadHeadAsync(ct);
        var connect = await connection.ReadChunkAsync(ct);

        Assert.That(counter.Count, Is.EqualTo(1));
        Assert.That(status, Is.EqualTo("HTTP/1.1 200 OK"));
        Assert.That(headers.Select(h => h.Name), Is.EqualTo(new[] { "Content-Type", "Date", "Server", "Cache-Control", "Transfer-Encoding", "X-Accel-Buffering" }));
        Assert.That(connect, Does.Match("^id:([A-Za-z0-9]{40})\nevent:PB_CONNECT\ndata:\\{\"clientId\":\"\\1\"\\}\n\n$"));
        var clientId = connect[3..43];
        Assert.That(_host.Bus.Send(clientId, RealtimeMessage.FromJson("posts/*", "{\"a\":1}")), Is.True);
        Assert.That(await connection.ReadChunkAsync(ct), Is.EqualTo($"id:{clientId}\nevent:posts/*\ndata:{{\"a\":1}}\n\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task SameRequestThroughThePipeline_GetsTheSameHeaders(CancellationToken ct)
    {
        using var direct = await RawHttpConnection.OpenAsync(_host.Address, ct);
        await direct.SendAsync(Request, ct);
        var (directStatus, directHeaders) = await direct.ReadHeadAsync(ct);

        // A first request that is not realtime leaves the connection to Kestrel for good.
        using var counter = RealtimeCounter.DirectStreams();
        using var piped = await RawHttpConnection.OpenAsync(_host.Address, ct);
        await piped.SendAsync("GET /api/nothing HTTP/1.1\r\nHost: test\r\n\r\n", ct);
        var (notFound, notFoundHeaders) = await piped.ReadHeadAsync(ct);
        await piped.ReadBodyAsync(int.Parse(notFoundHeaders.Single(h => h.Name == "Content-Length").Value, System.Globalization.CultureInfo.InvariantCulture), ct);
        await piped.SendAsync(Request, ct);
        var (pipedStatus, pipedHeaders) = await piped.ReadHeadAsync(ct);

        Assert.That(notFound, Does.StartWith("HTTP/1.1 404"));
        Assert.That(counter.Count, Is.Zero);
        Assert.That(pipedStatus, Is.EqualTo(directStatus));
        Assert.That(pipedHeaders.Where(h => h.Name != "Date"), Is.EqualTo(directHeaders.Where(h => h.Name != "Date")));
    }

    [Test, CancelAfter(10_000)]
    public async Task HeadArrivingInPieces_IsStillServedDirectly(CancellationToken ct)
    {
        using var counter = RealtimeCounter.DirectStreams();
        using var connection = await RawHttpConnection.OpenAsync(_host.Address, ct);

        foreach (var piece in new[] { "GET /api/re", "altime HTTP/1.1\r\nHo", "st: test\r\n", "\r\n" })
        {
            await connection.SendAsync(piece, ct);
            await Task.Delay(50, ct);
        }

        var (status, _) = await connection.ReadHeadAsync(ct);
        Assert.That(status, Is.EqualTo("HTTP/1.1 200 OK"));
        Assert.That(await connection.ReadChunkAsync(ct), Does.Contain("event:PB_CONNECT"));
        Assert.That(counter.Count, Is.EqualTo(1));
    }

    [TestCase("GET /api/realtime?x=1 HTTP/1.1\r\nHost: test\r\n\r\n", TestName = "query string")]
    [TestCase("GET /api/realtime HTTP/1.1\r\nHost: test\r\nAuthorization: abc\r\n\r\n", TestName = "credentials")]
    [TestCase("GET /api/realtime HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", TestName = "connection close")]
    [TestCase("GET /api/realtime HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\n{}", TestName = "body")]
    [TestCase("GET /api/realtime HTTP/1.1\r\nHost: test\r\nX-Folded: a\r\n b\r\n\r\n", TestName = "folded header")]
    public async Task UnusualRequests_AreLeftToThePipeline(string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ct = timeout.Token;
        using var counter = RealtimeCounter.DirectStreams();
        using var connection = await RawHttpConnection.OpenAsync(_host.Address, ct);

        await connection.SendAsync(request, ct);
        var (status, _) = await connection.ReadHeadAsync(ct);

        Assert.That(counter.Count, Is.Zero);
        // The pipeline gives its own answer (a stream, or 400 for the folded header).
        Assert.That(status, Does.StartWith("HTTP/1.1 "));
    }

    [Test, CancelAfter(10_000)]
    public async Task NotRealtime_SplitInsideThePath_IsServedByKestrel(CancellationToken ct)
    {
        using var counter = RealtimeCounter.DirectStreams();
        using var connection = await RawHttpConnection.OpenAsync(_host.Address, ct);

        await connection.SendAsync("GET /api/rea", ct);
        await Task.Delay(50, ct);
        await connection.SendAsync("lx HTTP/1.1\r\nHost: test\r\n\r\n", ct);
        var (status, _) = await connection.ReadHeadAsync(ct);

        Assert.That(status, Does.StartWith("HTTP/1.1 404"));
        Assert.That(counter.Count, Is.Zero);
    }

    [Test, CancelAfter(10_000)]
    public async Task AfterTheStreamEnds_TheConnectionCarriesTheNextRequest(CancellationToken ct)
    {
        var (connection, _) = await RawHttpConnection.OpenStreamAsync(_host.Address, Request, ct);
        using var _connection = connection;

        // The idle timeout (1.5 s) ends the stream with the last chunk, as the pipeline would.
        Assert.That(await connection.ReadChunkAsync(ct), Is.Empty);
        using var counter = RealtimeCounter.DirectStreams();
        await connection.SendAsync(Request, ct);
        var (status, _) = await connection.ReadHeadAsync(ct);

        Assert.That(status, Is.EqualTo("HTTP/1.1 200 OK"));
        Assert.That(await connection.ReadChunkAsync(ct), Does.Contain("event:PB_CONNECT"));
        Assert.That(counter.Count, Is.Zero, "the second request is Kestrel's");
    }

    [Test, CancelAfter(10_000)]
    public async Task ClientDisconnect_UnregistersTheClient(CancellationToken ct)
    {
        var (connection, clientId) = await RawHttpConnection.OpenStreamAsync(_host.Address, Request, ct);
        Assert.That(_host.Bus.Find(clientId), Is.Not.Null);

        connection.Dispose();

        while (_host.Bus.Find(clientId) is not null)
        {
            await Task.Delay(20, ct);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Shutdown_EndsDirectStreamsAndClosesTheirConnections(CancellationToken ct)
    {
        var (connection, _) = await RawHttpConnection.OpenStreamAsync(_host.Address, Request, ct);
        using var _connection = connection;

        var stopping = _host.StopAsync();

        Assert.That(await connection.ReadChunkAsync(ct), Is.Empty);
        Assert.That(await connection.ClosedByServerAsync(ct), Is.True);
        await stopping;
    }
}
