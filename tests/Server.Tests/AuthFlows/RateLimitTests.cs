using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class RateLimitTests : AuthFlowTestBase
{
    private static JsonObject Limits(bool enabled) => new()
    {
        ["rateLimits"] = new JsonObject
        {
            ["enabled"] = enabled,
            ["rules"] = new JsonArray(
                new JsonObject { ["label"] = "*:auth", ["duration"] = 60, ["maxRequests"] = 2 },
                new JsonObject { ["label"] = "users:requestPasswordReset", ["audience"] = "@guest", ["duration"] = 60, ["maxRequests"] = 1 }),
        },
    };

    [TearDown]
    public async Task DisableAsync() => await Api.PatchAsync("/api/settings", Limits(enabled: false), SuperuserToken);

    [Test]
    public async Task AuthTag_ThirdAttemptInTheWindow_Is429()
    {
        var email = UniqueEmail("limited");
        await CreateUserAsync(email);
        await Api.PatchAsync("/api/settings", Limits(enabled: true), SuperuserToken);
        var body = new JsonObject { ["identity"] = email, ["password"] = "wrong-password" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await PostAsync("/api/collections/users/auth-with-password", (JsonObject)body.DeepClone())).Status);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, (HttpStatusCode)429 }));
        var third = await PostAsync("/api/collections/users/auth-with-password", (JsonObject)body.DeepClone());
        Assert.That(third.Object["message"]!.GetValue<string>(), Is.EqualTo("Too Many Requests."));
    }

    [Test]
    public async Task CollectionActionRule_AppliesToItsRouteOnly()
    {
        await Api.PatchAsync("/api/settings", Limits(enabled: true), SuperuserToken);
        var body = new JsonObject { ["email"] = UniqueEmail("nobody") };

        var first = await PostAsync("/api/collections/users/request-password-reset", (JsonObject)body.DeepClone());
        var second = await PostAsync("/api/collections/users/request-password-reset", (JsonObject)body.DeepClone());
        var otherRoute = await PostAsync("/api/collections/users/request-verification", (JsonObject)body.DeepClone());

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(second.Status, Is.EqualTo((HttpStatusCode)429));
            Assert.That(otherRoute.Status, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task Disabled_NeverLimits()
    {
        var email = UniqueEmail("free");
        await CreateUserAsync(email);

        for (var i = 0; i < 4; i++)
        {
            var response = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "wrong-password" });
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        }
    }

    [Test]
    public async Task Superuser_IsExempt()
    {
        await Api.PatchAsync("/api/settings", Limits(enabled: true), SuperuserToken);

        for (var i = 0; i < 4; i++)
        {
            var response = await PostAsync("/api/collections/_superusers/auth-refresh", new JsonObject(), SuperuserToken);
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
