using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// The full server answers <c>GET /api/realtime</c> with the same status line and headers (CORS
/// and security headers included) whether the stream is served directly on a fresh connection
/// or by the HTTP pipeline on a connection that already carried a request.
/// </summary>
public sealed class RealtimeServerStreamHeadTests : RealtimeServerFixture
{
    private const string Request = "GET /api/realtime HTTP/1.1\r\nHost: test\r\nOrigin: http://app.test\r\n\r\n";

    [Test, CancelAfter(20_000)]
    public async Task DirectAndPipelineStreams_SendTheSameHead(CancellationToken ct)
    {
        using var direct = await RawHttpConnection.OpenAsync(Server.Address, ct);
        await direct.SendAsync(Request, ct);
        var (directStatus, directHeaders) = await direct.ReadHeadAsync(ct);
        var directConnect = await direct.ReadChunkAsync(ct);

        using var piped = await RawHttpConnection.OpenAsync(Server.Address, ct);
        await piped.SendAsync("GET /api/health HTTP/1.1\r\nHost: test\r\n\r\n", ct);
        var (_, healthHeaders) = await piped.ReadHeadAsync(ct);
        await piped.ReadBodyAsync(int.Parse(healthHeaders.Single(h => h.Name == "Content-Length").Value, System.Globalization.CultureInfo.InvariantCulture), ct);
        await piped.SendAsync(Request, ct);
        var (pipedStatus, pipedHeaders) = await piped.ReadHeadAsync(ct);
        var pipedConnect = await piped.ReadChunkAsync(ct);

        Assert.That(directStatus, Is.EqualTo("HTTP/1.1 200 OK"));
        Assert.That(pipedStatus, Is.EqualTo(directStatus));
        Assert.That(directHeaders, Does.Contain(("Access-Control-Allow-Origin", "*")));
        Assert.That(directHeaders, Does.Contain(("X-Frame-Options", "SAMEORIGIN")));
        Assert.That(directHeaders.Where(h => h.Name != "Date"), Is.EqualTo(pipedHeaders.Where(h => h.Name != "Date")));
        Assert.That(directConnect, Does.StartWith("id:").And.Contain("event:PB_CONNECT"));
        Assert.That(pipedConnect, Does.StartWith("id:").And.Contain("event:PB_CONNECT"));
    }

    [Test, CancelAfter(20_000)]
    public async Task DirectStream_IsBoundToTheTrustedProxyHeadersIp(CancellationToken ct)
    {
        await Api.SendAsync(HttpMethod.Patch, "/api/settings", Superuser, new JsonObject { ["trustedProxy"] = new JsonObject { ["headers"] = new JsonArray("X-Real-IP") } });
        try
        {
            var (direct, clientId) = await RawHttpConnection.OpenStreamAsync(Server.Address, "GET /api/realtime HTTP/1.1\r\nHost: test\r\nX-Real-IP: 10.1.2.3\r\n\r\n", ct);
            using var _direct = direct;

            using var otherIp = await SubscribeFromAsync(clientId, "10.9.9.9", ct);
            using var sameIp = await SubscribeFromAsync(clientId, "10.1.2.3", ct);

            Assert.That((int)otherIp.StatusCode, Is.EqualTo(400));
            Assert.That((int)sameIp.StatusCode, Is.EqualTo(204));
        }
        finally
        {
            await Api.SendAsync(HttpMethod.Patch, "/api/settings", Superuser, new JsonObject { ["trustedProxy"] = new JsonObject { ["headers"] = new JsonArray() } });
        }
    }

    private async Task<HttpResponseMessage> SubscribeFromAsync(string clientId, string ip, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime")
        {
            Content = new StringContent(new JsonObject { ["clientId"] = clientId, ["subscriptions"] = new JsonArray("posts/*") }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Real-IP", ip);
        return await Api.Http.SendAsync(request, ct);
    }
}
