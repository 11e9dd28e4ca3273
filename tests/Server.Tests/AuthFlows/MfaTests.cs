using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class MfaTests : AuthFlowTestBase
{
    [OneTimeSetUp]
    public Task EnableMfaAsync() => PatchUsersCollectionAsync(new JsonObject
    {
        ["otp"] = OtpTests.OtpOptions(),
        ["mfa"] = new JsonObject { ["enabled"] = true, ["duration"] = 600, ["rule"] = "" },
    });

    private async Task<string> FirstFactorAsync(string email)
    {
        var response = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890" });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), response.Text);
        Assert.That(response.Object.Select(p => p.Key), Is.EqualTo(new[] { "mfaId" }));
        return response.Object["mfaId"]!.GetValue<string>();
    }

    private async Task<(string OtpId, string Code)> OtpAsync(string email)
    {
        var response = await PostAsync("/api/collections/users/request-otp", new JsonObject { ["email"] = email });
        var otpId = response.Object["otpId"]!.GetValue<string>();
        return (otpId, OtpTests.CodeFrom(await MailAsync(email, OtpTests.Subject)));
    }

    [Test]
    public async Task Challenge_IsLoggedAsInfo_NotAsError()
    {
        // The challenge is a 401 the handler answers on purpose; upstream logs it at level 0.
        var email = UniqueEmail("mfalog");
        await CreateUserAsync(email);
        var url = "/api/collections/users/auth-with-password?marker=" + Guid.NewGuid().ToString("N");
        var response = await PostAsync(url, new JsonObject { ["identity"] = email, ["password"] = "1234567890" });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), response.Text);

        var entry = await Logs.LogWaiter.WaitForAsync(Api, SuperuserToken, $"data.url = '{url}'");

        Assert.Multiple(() =>
        {
            Assert.That(entry["level"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(entry["data"]!["status"]!.GetValue<int>(), Is.EqualTo(401));
        });
    }

    [Test]
    public async Task PasswordThenOtp_WithMfaId_Authenticates()
    {
        var email = UniqueEmail("mfa");
        await CreateUserAsync(email);
        var mfaId = await FirstFactorAsync(email);
        var (otpId, code) = await OtpAsync(email);

        var second = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = code, ["mfaId"] = mfaId });

        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
        Assert.That(second.Object["token"]!.GetValue<string>(), Does.StartWith("eyJ"));
    }

    [Test]
    public async Task MfaIdInQuery_IsAccepted()
    {
        var email = UniqueEmail("mfaq");
        await CreateUserAsync(email);
        var (otpId, code) = await OtpAsync(email);
        var first = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = code });
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        var mfaId = first.Object["mfaId"]!.GetValue<string>();

        var second = await PostAsync($"/api/collections/users/auth-with-password?mfaId={mfaId}", new JsonObject { ["identity"] = email, ["password"] = "1234567890" });

        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
    }

    [Test]
    public async Task SameMethodTwice_IsRejected()
    {
        var email = UniqueEmail("same");
        await CreateUserAsync(email);
        var mfaId = await FirstFactorAsync(email);

        var again = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890", ["mfaId"] = mfaId });

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(again.Object["message"]!.GetValue<string>(), Is.EqualTo("A different authentication method is required."));
    }

    [Test]
    public async Task OtherRecordsMfaId_IsInvalidSession()
    {
        var alice = UniqueEmail("alice");
        var bob = UniqueEmail("bob");
        await CreateUserAsync(alice);
        await CreateUserAsync(bob);
        var aliceMfa = await FirstFactorAsync(alice);
        var (otpId, code) = await OtpAsync(bob);

        var response = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = code, ["mfaId"] = aliceMfa });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Invalid MFA session."));
    }

    [Test]
    public async Task UnknownMfaId_IsInvalidOrExpired()
    {
        var email = UniqueEmail("unknownmfa");
        await CreateUserAsync(email);

        var response = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890", ["mfaId"] = "doesnotexist123" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Invalid or expired MFA session."));
    }

    [Test]
    public async Task AuthRefresh_SkipsMfa()
    {
        var email = UniqueEmail("refresh");
        await CreateUserAsync(email);
        var mfaId = await FirstFactorAsync(email);
        var (otpId, code) = await OtpAsync(email);
        var token = (await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = code, ["mfaId"] = mfaId })).Object["token"]!.GetValue<string>();

        var refresh = await PostAsync("/api/collections/users/auth-refresh", new JsonObject(), token);

        Assert.That(refresh.Status, Is.EqualTo(HttpStatusCode.OK), refresh.Text);
    }
}
