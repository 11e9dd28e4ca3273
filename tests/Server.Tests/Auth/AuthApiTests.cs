using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using Support = PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Auth;

[CancelAfter(120_000)]
public sealed class AuthApiTests : ServerTestBase
{
    [OneTimeSetUp]
    public async Task CreateUserAsync()
    {
        var user = await Api.PostAsync("/api/collections/users/records", new { email = "alice@example.com", password = "1234567890", passwordConfirm = "1234567890", name = "Alice" });
        Assert.That(user.Status, Is.EqualTo(HttpStatusCode.OK), user.Text);
        Assert.That(user.Text, Does.Not.Contain("password").And.Not.Contain("tokenKey"));
    }

    private static JsonObject Claims(string token) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[1]))))!.AsObject();

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');

    [Test]
    public async Task AuthWithPassword_ReturnsTokenAndRecordWithEmail()
    {
        var response = await Api.PostAsync("/api/collections/users/auth-with-password", new { identity = "alice@example.com", password = "1234567890" });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var claims = Claims(response.Object["token"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(response.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
            Assert.That(claims["type"]!.GetValue<string>(), Is.EqualTo("auth"));
            Assert.That(claims["collectionId"]!.GetValue<string>(), Is.EqualTo("_pb_users_auth_"));
            Assert.That(claims["refreshable"]!.GetValue<bool>(), Is.True);
            Assert.That(claims["exp"]!.GetValue<long>(), Is.GreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 400_000));
        });
    }

    public static IEnumerable<ApiScenario> Failures()
    {
        yield return new ApiScenario("wrong password", "POST", "/api/collections/users/auth-with-password", HttpStatusCode.BadRequest) { Body = new { identity = "alice@example.com", password = "nope-nope" }, Expected = ["Failed to authenticate."] };
        yield return new ApiScenario("unknown identity", "POST", "/api/collections/users/auth-with-password", HttpStatusCode.BadRequest) { Body = new { identity = "bob@example.com", password = "1234567890" }, Expected = ["Failed to authenticate."] };
        yield return new ApiScenario("missing fields", "POST", "/api/collections/users/auth-with-password", HttpStatusCode.BadRequest) { Body = new { }, Expected = ["An error occurred while validating the submitted data.", "\"identity\":{\"code\":\"validation_required\""] };
        yield return new ApiScenario("malformed body", "POST", "/api/collections/users/auth-with-password", HttpStatusCode.BadRequest) { RawBody = "{", Expected = ["An error occurred while loading the submitted data."] };
        yield return new ApiScenario("not an auth collection", "POST", "/api/collections/_mfas/auth-with-password", HttpStatusCode.NotFound) { Body = new { }, Expected = ["Missing or invalid auth collection context."] };
        yield return new ApiScenario("unknown collection", "POST", "/api/collections/nope/auth-with-password", HttpStatusCode.NotFound) { Body = new { }, Expected = ["Missing or invalid collection context."] };
        yield return new ApiScenario("refresh as guest", "POST", "/api/collections/users/auth-refresh", HttpStatusCode.Unauthorized) { Expected = ["The request requires valid record authorization token."] };
        yield return new ApiScenario("refresh with superuser token", "POST", "/api/collections/users/auth-refresh", HttpStatusCode.Forbidden) { Caller = "superuser", Expected = ["The request requires auth record from users collection."] };
        yield return new ApiScenario("auth methods", "GET", "/api/collections/users/auth-methods", HttpStatusCode.OK) { Expected = ["\"password\":{\"enabled\":true,\"identityFields\":[\"email\"]}", "\"emailPassword\":true", "\"usernamePassword\":false"] };
    }

    [TestCaseSource(nameof(Failures))]
    public async Task Scenario(ApiScenario scenario) =>
        await ScenarioRunner.RunAsync(Api, scenario, caller => caller == "superuser" ? SuperuserToken : null);

    [Test]
    public async Task Refresh_WithOrWithoutBearer_IssuesNewToken()
    {
        var token = await Api.LoginAsync("users", "alice@example.com", "1234567890");
        foreach (var header in new[] { token, "Bearer " + token, "bearer " + token })
        {
            var response = await Api.PostAsync("/api/collections/users/auth-refresh", null, header);
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
            Assert.That(response.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
        }
    }

    [Test]
    public async Task PasswordChange_RotatesTokenKey_OldTokenBecomesGuest()
    {
        var create = await Api.PostAsync("/api/collections/users/records", new { email = "carol@example.com", password = "1234567890", passwordConfirm = "1234567890" });
        var id = create.Object["id"]!.GetValue<string>();
        var token = await Api.LoginAsync("users", "carol@example.com", "1234567890");

        var wrongOld = await Api.PatchAsync($"/api/collections/users/records/{id}", new { password = "abcdefghij", passwordConfirm = "abcdefghij", oldPassword = "wrong" }, token);
        Assert.That(wrongOld.Text, Does.Contain("validation_invalid_old_password"));

        var change = await Api.PatchAsync($"/api/collections/users/records/{id}", new { password = "abcdefghij", passwordConfirm = "abcdefghij", oldPassword = "1234567890" }, token);
        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.OK), change.Text);

        var refresh = await Api.PostAsync("/api/collections/users/auth-refresh", null, token);
        Assert.That(refresh.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the old token must be dead");
        Assert.That(await Api.LoginAsync("users", "carol@example.com", "abcdefghij"), Is.Not.Empty);
    }

    [Test]
    public async Task Signup_VerifiedByGuest_IsRejected_AndPasswordsMustMatch()
    {
        var verified = await Api.PostAsync("/api/collections/users/records", new { email = "v@example.com", password = "1234567890", passwordConfirm = "1234567890", verified = true });
        Assert.That(verified.Text, Does.Contain("\"verified\""));
        var mismatch = await Api.PostAsync("/api/collections/users/records", new { email = "m@example.com", password = "1234567890", passwordConfirm = "0987654321" });
        Assert.That(mismatch.Text, Does.Contain("validation_values_mismatch"));
        var duplicate = await Api.PostAsync("/api/collections/users/records", new { email = "alice@example.com", password = "1234567890", passwordConfirm = "1234567890" });
        Assert.That(duplicate.Text, Does.Contain("validation_not_unique"));
    }

    [Test]
    public async Task Email_HiddenFromOthers_ShownToManagers()
    {
        await Support.Collections.CreateAsync(Api, SuperuserToken, new JsonObject
        {
            ["name"] = "members",
            ["type"] = "auth",
            ["listRule"] = "",
            ["viewRule"] = "",
            ["createRule"] = "",
            ["manageRule"] = "@request.auth.role = 'admin'",
            ["fields"] = new JsonArray(Support.Collections.Field("role", "text")),
        });
        foreach (var (email, role) in new[] { ("plain@example.com", "user"), ("boss@example.com", "admin"), ("other@example.com", "user") })
        {
            var created = await Api.PostAsync("/api/collections/members/records", new { email, role, password = "1234567890", passwordConfirm = "1234567890" }, SuperuserToken);
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        }

        var plain = await Api.LoginAsync("members", "plain@example.com", "1234567890");
        var boss = await Api.LoginAsync("members", "boss@example.com", "1234567890");
        var asPlain = await Api.GetAsync("/api/collections/members/records?filter=role='user'&sort=email", plain);
        var asBoss = await Api.GetAsync("/api/collections/members/records?filter=role='user'&sort=email", boss);
        var asGuest = await Api.GetAsync("/api/collections/members/records", null);
        Assert.Multiple(() =>
        {
            Assert.That(asPlain.Text, Does.Contain("plain@example.com").And.Not.Contain("other@example.com"), "only the own email");
            Assert.That(asBoss.Text, Does.Contain("plain@example.com").And.Contain("other@example.com"), "a manager sees emails");
            Assert.That(asGuest.Text, Does.Not.Contain("@example.com"));
        });
    }

    [Test]
    public async Task AuthRecordId_UniqueAcrossAuthCollections()
    {
        var superusers = await Api.GetAsync("/api/collections/_superusers/records", SuperuserToken);
        var superuserId = superusers.Object["items"]![0]!["id"]!.GetValue<string>();
        var response = await Api.PostAsync("/api/collections/users/records", new { id = superuserId, email = "clash@example.com", password = "1234567890", passwordConfirm = "1234567890" });
        Assert.That(response.Text, Does.Contain("validation_invalid_auth_id"));
    }

    [Test]
    public async Task OnlySuperuser_CannotBeDeleted()
    {
        var list = await Api.GetAsync("/api/collections/_superusers/records", SuperuserToken);
        var id = list.Object["items"]![0]!["id"]!.GetValue<string>();
        var delete = await Api.DeleteAsync($"/api/collections/_superusers/records/{id}", SuperuserToken);
        Assert.That(delete.Text, Does.Contain("You can't delete the only existing superuser."));
    }
}
