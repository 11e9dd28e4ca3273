using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;
using PocketBaseSharp.Server.Tests.Mail;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary>
/// The accounts of upstream's own test data (password <c>1234567890</c>) on a temp copy of it:
/// superusers and <c>clients</c> sign in with the password; the fixture's <c>users</c> collection
/// requires MFA (password + OTP), exactly as upstream answers. Tokens made with the fixture's keys,
/// as upstream would issue them, are judged by signature and <c>exp</c>.
/// </summary>
[CancelAfter(120_000)]
[NonParallelizable]
public sealed class FixtureAuthTests
{
    private const string Header = """{"alg":"HS256","typ":"JWT"}""";
    private ServerProcess _server = null!;
    private ApiClient _api = null!;
    private SmtpSink _sink = null!;
    private string _superuser = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var source = SharedFixture.TestDataDir();
        if (source is null)
        {
            Assert.Ignore("../shared/fixtures/pocketbase-testdata is not present next to the repository; the fixture auth tests need it.");
        }

        _server = await ServerProcess.StartAsync(SharedFixture.CopyToTemp(source), superuserEmail: null);
        _api = new ApiClient(_server.BaseUri);
        _sink = new SmtpSink();
        _superuser = await _api.LoginAsync("_superusers", "test@example.com", "1234567890");
        var smtp = await _api.PatchAsync("/api/settings", new JsonObject
        {
            ["smtp"] = new JsonObject { ["enabled"] = true, ["host"] = "127.0.0.1", ["port"] = _sink.Port },
        }, _superuser);
        Assert.That(smtp.Status, Is.EqualTo(HttpStatusCode.OK), smtp.Text);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _api.Dispose();
        await _sink.DisposeAsync();
        await _server.DisposeAsync();
    }

    [TestCase("_superusers", "test@example.com")]
    [TestCase("_superusers", "test2@example.com")]
    [TestCase("clients", "test@example.com")]
    public async Task Password_SignsIn(string collection, string email)
    {
        var response = await _api.PostAsync($"/api/collections/{collection}/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(response.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo(email));
    }

    [Test]
    public async Task Password_WrongPassword_Fails()
    {
        var response = await _api.PostAsync("/api/collections/_superusers/auth-with-password", new JsonObject { ["identity"] = "test@example.com", ["password"] = "123456789" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Users_PasswordThenOtp_CompletesMfa()
    {
        var first = await _api.PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = "test2@example.com", ["password"] = "1234567890" });
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Unauthorized), first.Text);
        var mfaId = first.Object["mfaId"]!.GetValue<string>();

        var otp = await _api.PostAsync("/api/collections/users/request-otp", new JsonObject { ["email"] = "test2@example.com" });
        Assert.That(otp.Status, Is.EqualTo(HttpStatusCode.OK), otp.Text);
        // test2@example.com is also a fixture superuser, whose sign-in elsewhere may mail a login alert.
        var mail = await _sink.WaitForAsync(m => m.EnvelopeTo.Contains("test2@example.com") && (m.Message.Subject ?? "").StartsWith("OTP", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var code = System.Text.RegularExpressions.Regex.Match(mail.Text, "\\b[0-9]{8}\\b").Value;
        Assert.That(code, Has.Length.EqualTo(8), mail.Text);

        var second = await _api.PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otp.Object["otpId"]!.DeepClone(), ["password"] = code, ["mfaId"] = mfaId });

        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
        Assert.That(second.Object["record"]!["id"]!.GetValue<string>(), Is.EqualTo("oap640cot4yru2s"));
    }

    [TestCase("users", "_pb_users_auth_", "4q1xlclmfloku33")]
    [TestCase("_superusers", "pbc_3142635823", "sywbhecnh46rhm0")]
    public async Task TokenMadeWithFixtureKeys_IsJudgedBySignatureAndExpiry(string table, string collectionId, string id)
    {
        var keys = new DataKeys(_server.DataDir);
        var key = keys.TokenKey(table, id) + keys.CollectionSecret(collectionId, "authToken");
        string Token(long exp) => RawJwt.Hs256(Header, $$"""{"collectionId":"{{collectionId}}","exp":{{exp}},"id":"{{id}}","refreshable":true,"type":"auth"}""", key);

        var valid = await _api.PostAsync($"/api/collections/{table}/auth-refresh", new JsonObject(), Token(DataKeys.Exp(TimeSpan.FromDays(3650))));
        var expired = await _api.PostAsync($"/api/collections/{table}/auth-refresh", new JsonObject(), Token(DataKeys.Exp(TimeSpan.FromSeconds(-5))));
        var forged = await _api.PostAsync($"/api/collections/{table}/auth-refresh", new JsonObject(), RawJwt.Hs256(Header, $$"""{"collectionId":"{{collectionId}}","exp":{{DataKeys.Exp(TimeSpan.FromDays(1))}},"id":"{{id}}","refreshable":true,"type":"auth"}""", "guessed"));

        Assert.Multiple(() =>
        {
            Assert.That(valid.Status, Is.EqualTo(HttpStatusCode.OK), valid.Text);
            Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(forged.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
