using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>The superuser details of <c>GET /api/health</c> (http-api.md §11).</summary>
public sealed class HealthDetailsTests : ServerTestBase
{
    [Test]
    public async Task Guest_GetsNoDetails()
    {
        var response = await Api.GetAsync("/api/health");

        Assert.That(response.Object["data"]!.AsObject(), Is.Empty);
    }

    [Test]
    public async Task Superuser_GetsTheDetails()
    {
        var direct = await Api.GetAsync("/api/health", SuperuserToken);
        var proxied = await Api.SendAsync(HttpMethod.Get, "/api/health", token: SuperuserToken, headers: new Dictionary<string, string> { ["CF-Connecting-IP"] = "203.0.113.9" });

        Assert.Multiple(() =>
        {
            Assert.That(direct.Object["data"]!.ToJsonString(), Is.EqualTo("""{"canBackup":true,"realIP":"127.0.0.1","possibleProxyHeader":""}"""));
            Assert.That(proxied.Object["data"]!["possibleProxyHeader"]!.GetValue<string>(), Is.EqualTo("CF-Connecting-IP"));
            Assert.That(proxied.Object["data"]!["realIP"]!.GetValue<string>(), Is.EqualTo("127.0.0.1"), "an untrusted header does not change the IP");
        });
    }

    [Test]
    public async Task TrustedProxyHeader_GivesTheRealIp()
    {
        await PatchProxyAsync(new JsonArray("X-Real-IP"));
        try
        {
            var response = await Api.SendAsync(HttpMethod.Get, "/api/health", token: SuperuserToken, headers: new Dictionary<string, string> { ["X-Real-IP"] = "198.51.100.7" });

            Assert.Multiple(() =>
            {
                Assert.That(response.Object["data"]!["realIP"]!.GetValue<string>(), Is.EqualTo("198.51.100.7"));
                Assert.That(response.Object["data"]!["possibleProxyHeader"]!.GetValue<string>(), Is.EqualTo("X-Real-IP"));
            });
        }
        finally
        {
            await PatchProxyAsync(new JsonArray());
        }
    }

    private async Task PatchProxyAsync(JsonArray headers)
    {
        var response = await Api.PatchAsync("/api/settings", new JsonObject { ["trustedProxy"] = new JsonObject { ["headers"] = headers } }, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
    }
}
