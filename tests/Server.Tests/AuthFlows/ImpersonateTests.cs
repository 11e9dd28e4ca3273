using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class ImpersonateTests : AuthFlowTestBase
{
    private static JsonObject Payload(string token)
    {
        var segment = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '='))))!.AsObject();
    }

    [Test]
    public async Task Superuser_GetsNonRefreshableTokenOfTheRequestedDuration()
    {
        var email = UniqueEmail("imp");
        var id = await CreateUserAsync(email);

        var response = await PostAsync($"/api/collections/users/impersonate/{id}", new JsonObject { ["duration"] = 100 }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var token = response.Object["token"]!.GetValue<string>();
        var payload = Payload(token);
        Assert.Multiple(() =>
        {
            Assert.That(response.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo(email));
            Assert.That(payload["refreshable"]!.GetValue<bool>(), Is.False);
            Assert.That(payload["type"]!.GetValue<string>(), Is.EqualTo("auth"));
            Assert.That(payload["exp"]!.GetValue<long>() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Is.InRange(90, 101));
        });

        var refresh = await PostAsync("/api/collections/users/auth-refresh", new JsonObject(), token);
        Assert.That(refresh.Status, Is.EqualTo(HttpStatusCode.OK), refresh.Text);
        Assert.That(refresh.Object["token"]!.GetValue<string>(), Is.EqualTo(token), "a non-refreshable token is echoed");
    }

    [Test]
    public async Task ZeroDuration_UsesTheCollectionDefault()
    {
        var id = await CreateUserAsync(UniqueEmail("impdefault"));

        var response = await PostAsync($"/api/collections/users/impersonate/{id}", new JsonObject(), SuperuserToken);

        var exp = Payload(response.Object["token"]!.GetValue<string>())["exp"]!.GetValue<long>();
        Assert.That(exp - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Is.InRange(432000 - 10, 432000 + 1));
    }

    [Test]
    public async Task Guest_Is401_User_Is403()
    {
        var email = UniqueEmail("impuser");
        var id = await CreateUserAsync(email);
        var userToken = await Api.LoginAsync("users", email, "1234567890");

        var guest = await PostAsync($"/api/collections/users/impersonate/{id}", new JsonObject());
        var user = await PostAsync($"/api/collections/users/impersonate/{id}", new JsonObject(), userToken);

        Assert.Multiple(() =>
        {
            Assert.That(guest.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(user.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [TestCase("users", "nosuchrecord123", "The requested resource wasn't found.")]
    [TestCase("missing", "x", "Missing or invalid auth collection context.")]
    [TestCase("_otps", "x", "Missing or invalid auth collection context.")]
    public async Task Unknown_Is404(string collection, string id, string message)
    {
        var response = await PostAsync($"/api/collections/{collection}/impersonate/{id}", new JsonObject(), SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo(message));
    }

    [Test]
    public async Task NegativeDuration_Is400()
    {
        var id = await CreateUserAsync(UniqueEmail("impneg"));

        var response = await PostAsync($"/api/collections/users/impersonate/{id}", new JsonObject { ["duration"] = -1 }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!.AsObject().ContainsKey("duration"), Is.True);
    }
}
