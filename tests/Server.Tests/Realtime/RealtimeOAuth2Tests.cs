using System.Net;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>The all-in-one OAuth2 flow's last hop: <c>/api/oauth2-redirect</c> → the <c>@oauth2</c> SSE message.</summary>
public sealed class RealtimeOAuth2Tests : RealtimeServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Redirect_ReachesTheWaitingClientOnce_AndRedirectsToSuccess(CancellationToken ct)
    {
        using var client = await Api.SubscribeAsync(null, ct, "@oauth2", "calls/*");

        var first = await RedirectAsync(client.ClientId, "code-1", ct);
        Assert.That(first.Location, Does.Contain("oauth2-redirect-success"));
        var message = await client.Reader.NextAsync(ct);
        Assert.That(message!.Name, Is.EqualTo("@oauth2"));
        var data = JsonNode.Parse(message.Data)!;
        Assert.Multiple(() =>
        {
            Assert.That(data["state"]!.GetValue<string>(), Is.EqualTo(client.ClientId));
            Assert.That(data["code"]!.GetValue<string>(), Is.EqualTo("code-1"));
        });

        // The subscription is gone: a replayed redirect fails and the client hears nothing more
        // (the next message it gets is a record event, not a second @oauth2).
        var replay = await RedirectAsync(client.ClientId, "code-2", ct);
        Assert.That(replay.Location, Does.Contain("oauth2-redirect-failure"));
        await Api.CreateAsync("calls", new JsonObject());
        Assert.That((await client.Reader.NextAsync(ct))!.Name, Is.EqualTo("calls/*"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Redirect_ForAClientNotWaitingOnOAuth2_Fails(CancellationToken ct)
    {
        using var client = await Api.SubscribeAsync(null, ct, "calls/*");
        var response = await RedirectAsync(client.ClientId, "code", ct);
        Assert.That(response.Location, Does.Contain("oauth2-redirect-failure"));
        var unknown = await RedirectAsync("no-such-client", "code", ct);
        Assert.That(unknown.Location, Does.Contain("oauth2-redirect-failure"));
    }

    private async Task<(HttpStatusCode Status, string Location)> RedirectAsync(string state, string code, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Api.Http.BaseAddress };
        using var response = await http.GetAsync($"/api/oauth2-redirect?state={Uri.EscapeDataString(state)}&code={code}", ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        return (response.StatusCode, response.Headers.Location?.OriginalString ?? "");
    }
}
