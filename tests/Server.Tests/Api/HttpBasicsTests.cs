using System.Net;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Api;

[CancelAfter(60_000)]
public sealed class HttpBasicsTests : ServerTestBase
{
    [Test]
    public async Task Health_AnswersWithCodeKeyAndNewline()
    {
        var response = await Api.GetAsync("/api/health");
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Text, Is.EqualTo("{\"message\":\"API is healthy.\",\"code\":200,\"data\":{}}\n"));
            Assert.That(response.Message.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        });
    }

    [Test]
    public async Task UnknownRoute_Post_Is404ErrorShape()
    {
        var response = await Api.PostAsync("/api/nothing-here", new { });
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Object["status"]!.GetValue<int>(), Is.EqualTo(404));
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("The requested resource wasn't found."));
            Assert.That(response.Object["data"]!.AsObject(), Is.Empty);
        });
    }

    [Test]
    public async Task Preflight_AllOrigins_204WithHeaders()
    {
        var response = await Api.SendAsync(HttpMethod.Options, "/api/collections/users/records", headers: new Dictionary<string, string>
        {
            ["Origin"] = "http://example.com",
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "content-type,authorization",
        });
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(response.Message.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
            Assert.That(response.Message.Headers.GetValues("Access-Control-Allow-Methods").Single(), Is.EqualTo("GET,HEAD,PUT,PATCH,POST,DELETE"));
            Assert.That(response.Message.Headers.GetValues("Access-Control-Allow-Headers").Single(), Is.EqualTo("content-type,authorization"));
        });
    }

    [Test]
    public async Task EmptyJsonBodyOnGet_IsNotAnError()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/api/health", rawBody: "", contentType: "application/json");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task InvalidToken_IsGuest_Not401()
    {
        // A guest meets the null rule of _superusers: 403, never 401.
        var response = await Api.GetAsync("/api/collections/_superusers/records", "Bearer not.a.token");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Forbidden), response.Text);
    }
    [TestCase("/api/collections")]
    [TestCase("/api/collections/users")]
    [TestCase("/api/collections/meta/scaffolds")]
    [TestCase("/api/collections/users/auth-methods")]
    [TestCase("/api/settings")]
    [TestCase("/api/logs")]
    [TestCase("/api/logs/stats")]
    [TestCase("/api/crons")]
    public async Task Head_OnGetRoute_AnsweredLikeGetWithoutBody(string url)
    {
        // Upstream's router answers HEAD on every GET route.
        var get = await Api.GetAsync(url, SuperuserToken);
        var head = await Api.SendAsync(HttpMethod.Head, url, token: SuperuserToken);
        Assert.Multiple(() =>
        {
            Assert.That(get.Status, Is.EqualTo(HttpStatusCode.OK), get.Text);
            Assert.That(head.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.Message.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Message.Content.Headers.ContentType?.MediaType));
            Assert.That(head.Text, Is.Empty);
        });
    }
}
