using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>The SSE endpoints over real sockets, with a header-based test authenticator.</summary>
public sealed class RealtimeProtocolTests
{
    private ProtocolHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await ProtocolHost.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Connect_SendsHeadersAndPbConnectFirst(CancellationToken cancellationToken)
    {
        using var connection = await _host.ConnectAsync(cancellationToken);

        var headers = connection.Response.Headers;
        Assert.That(connection.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(connection.Response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(headers.CacheControl!.NoStore, Is.True);
        Assert.That(headers.GetValues("X-Accel-Buffering"), Is.EqualTo(new[] { "no" }));
        Assert.That(connection.ClientId, Does.Match("^[A-Za-z0-9]{40}$"));
        Assert.That(connection.Connect.Raw, Is.EqualTo($"id:{connection.ClientId}\nevent:PB_CONNECT\ndata:{{\"clientId\":\"{connection.ClientId}\"}}\n\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Subscribe_KnownClient_Returns204AndStoresTopicsVerbatim(CancellationToken cancellationToken)
    {
        using var connection = await _host.ConnectAsync(cancellationToken);

        using var response = await _host.SubscribeAsync(null, Body(connection.ClientId, "posts", "", "posts/*?options=%7B%7D", "posts"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Is.Empty);
        Assert.That(_host.Bus.Find(connection.ClientId)!.Subscriptions.Select(s => s.Key), Is.EqualTo(new[] { "posts", "posts/*?options=%7B%7D" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Subscribe_EmptyList_UnsubscribesAndKeepsStreamOpen(CancellationToken cancellationToken)
    {
        using var connection = await _host.ConnectAsync(cancellationToken);
        (await _host.SubscribeAsync(null, Body(connection.ClientId, "posts"), cancellationToken)).Dispose();

        using var response = await _host.SubscribeAsync(null, Body(connection.ClientId), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var client = _host.Bus.Find(connection.ClientId)!;
        Assert.That(client.Subscriptions, Is.Empty);
        Assert.That(_host.Bus.Send(connection.ClientId, RealtimeMessage.FromJson("still", "{}")), Is.True);
        Assert.That((await connection.Reader.NextAsync(cancellationToken))!.Name, Is.EqualTo("still"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Subscribe_UnknownClient_Returns404(CancellationToken cancellationToken)
    {
        using var response = await _host.SubscribeAsync(null, Body("nope"), cancellationToken);

        await AssertErrorAsync(response, 404, "Missing or invalid client id.", "{}", cancellationToken);
    }

    [Test, CancelAfter(10_000)]
    public async Task Subscribe_MissingClientId_Returns400WithFieldError(CancellationToken cancellationToken)
    {
        using var response = await _host.SubscribeAsync(null, "", cancellationToken);

        await AssertErrorAsync(response, 400, "Something went wrong while processing your request.",
            """{"clientId":{"code":"validation_required","message":"Cannot be blank."}}""", cancellationToken);
    }

    [Test, CancelAfter(10_000)]
    public async Task Subscribe_UnreadableBody_Returns400(CancellationToken cancellationToken)
    {
        using var response = await _host.SubscribeAsync(null, "{", cancellationToken);

        await AssertErrorAsync(response, 400, "Something went wrong while processing your request.", "{}", cancellationToken);
    }

    [Test, CancelAfter(10_000)]
    public async Task Subscribe_AuthChanges_GuestUpgradesButSwitchingIs403(CancellationToken cancellationToken)
    {
        using var connection = await _host.ConnectAsync(cancellationToken);
        var id = connection.ClientId;

        using var asGuest = await _host.SubscribeAsync(null, Body(id, "a"), cancellationToken);
        using var asAlice = await _host.SubscribeAsync("users:alice", Body(id, "b"), cancellationToken);
        using var asBob = await _host.SubscribeAsync("users:bob", Body(id, "c"), cancellationToken);
        using var asGuestAgain = await _host.SubscribeAsync(null, Body(id, "d"), cancellationToken);
        using var asAliceAgain = await _host.SubscribeAsync("users:alice", Body(id, "e"), cancellationToken);

        Assert.That(asGuest.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(asAlice.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertErrorAsync(asBob, 403, "The current and the previous request authorization don't match.", "{}", cancellationToken);
        Assert.That(asGuestAgain.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(asAliceAgain.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(_host.Bus.Find(id)!.Subscriptions.Single().Key, Is.EqualTo("e"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Disconnect_UnregistersClient(CancellationToken cancellationToken)
    {
        var connection = await _host.ConnectAsync(cancellationToken);
        var id = connection.ClientId;

        connection.Dispose();

        while (_host.Bus.Find(id) is not null)
        {
            await Task.Delay(20, cancellationToken);
        }

        using var response = await _host.SubscribeAsync(null, Body(id), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test, CancelAfter(10_000)]
    public async Task Messages_ArriveInOrderWithFraming(CancellationToken cancellationToken)
    {
        using var connection = await _host.ConnectAsync(cancellationToken);

        for (var i = 0; i < 50; i++)
        {
            _host.Bus.Send(connection.ClientId, RealtimeMessage.FromJson("posts/*", $$"""{"n":{{i}}}"""));
        }

        for (var i = 0; i < 50; i++)
        {
            var message = await connection.Reader.NextAsync(cancellationToken);
            Assert.That(message!.Raw, Is.EqualTo($"id:{connection.ClientId}\nevent:posts/*\ndata:{{\"n\":{i}}}\n\n"));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Shutdown_EndsOpenStreamsPromptly(CancellationToken cancellationToken)
    {
        using var connection = await _host.ConnectAsync(cancellationToken);
        var ended = connection.Reader.EndsWithinAsync(TimeSpan.FromSeconds(5));

        await _host.StopAsync();

        Assert.That(await ended, Is.True);
    }

    internal static string Body(string clientId, params string[] subscriptions) =>
        new JsonObject { ["clientId"] = clientId, ["subscriptions"] = new JsonArray([.. subscriptions.Select(s => (JsonNode)s)]) }.ToJsonString();

    internal static async Task AssertErrorAsync(HttpResponseMessage response, int status, string message, string data, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = JsonNode.Parse(text)!;
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        Assert.That(body["status"]!.GetValue<int>(), Is.EqualTo(status));
        Assert.That(body["message"]!.GetValue<string>(), Is.EqualTo(message));
        Assert.That(body["data"]!.ToJsonString(), Is.EqualTo(data));
    }
}
