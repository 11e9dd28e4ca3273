using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class OtpTests : AuthFlowTestBase
{
    public const string Subject = "OTP for FlowTest";

    public static JsonObject OtpOptions(bool enabled = true) => new()
    {
        ["enabled"] = enabled, ["duration"] = 180, ["length"] = 6,
        ["emailTemplate"] = new JsonObject { ["subject"] = "OTP for {APP_NAME}", ["body"] = "<p>Code: <strong>{OTP}</strong> ({OTP_ID})</p>" },
    };

    [OneTimeSetUp]
    public Task EnableOtpAsync() => PatchUsersCollectionAsync(new JsonObject { ["otp"] = OtpOptions() });

    public static string CodeFrom(Mail.CaughtMail mail)
    {
        var m = Regex.Match(mail.Html, "<strong>(?<c>[0-9]+)</strong>");
        Assert.That(m.Success, Is.True, mail.Html);
        return m.Groups["c"].Value;
    }

    private async Task<(string OtpId, string Code)> RequestAsync(string email)
    {
        var response = await PostAsync("/api/collections/users/request-otp", new JsonObject { ["email"] = email });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var otpId = response.Object["otpId"]!.GetValue<string>();
        var mail = await MailAsync(email, Subject);
        Assert.That(mail.Html, Does.Contain(otpId));
        return (otpId, CodeFrom(mail));
    }

    [Test]
    public async Task RequestThenAuth_ReturnsAuthResponse_VerifiesAndUsesUpTheCode()
    {
        var email = UniqueEmail("otp");
        var id = await CreateUserAsync(email);
        var (otpId, code) = await RequestAsync(email);
        Assert.That(code, Has.Length.EqualTo(6));

        var auth = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = code });

        Assert.That(auth.Status, Is.EqualTo(HttpStatusCode.OK), auth.Text);
        Assert.Multiple(() =>
        {
            Assert.That(auth.Object["token"]!.GetValue<string>(), Does.StartWith("eyJ"));
            Assert.That(auth.Object["record"]!["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(auth.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo(email));
            Assert.That(auth.Object["record"]!["verified"]!.GetValue<bool>(), Is.True);
        });
        var again = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = code });
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Auth_WrongCode_Is400_ThenTooManyAttemptsIs429()
    {
        var email = UniqueEmail("brute");
        await CreateUserAsync(email);
        var (otpId, code) = await RequestAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = wrong })).Status);
        }

        var first = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = wrong });
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(statuses[5], Is.EqualTo((HttpStatusCode)429));
            Assert.That(first.Status, Is.EqualTo((HttpStatusCode)429));
        });
    }

    [Test]
    public async Task Auth_WrongCode_MessageIsInvalidOrExpired()
    {
        var email = UniqueEmail("wrong");
        await CreateUserAsync(email);
        var (otpId, _) = await RequestAsync(email);

        var response = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = otpId, ["password"] = "abc" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Invalid or expired OTP."));
    }

    [Test]
    public async Task Request_UnknownEmail_GivesAnOtpIdButNoMail()
    {
        var email = UniqueEmail("unknown");

        var response = await PostAsync("/api/collections/users/request-otp", new JsonObject { ["email"] = email });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Object["otpId"]!.GetValue<string>(), Has.Length.EqualTo(15));
        await AssertNoMailAsync(email, Subject);
        var auth = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject { ["otpId"] = response.Object["otpId"]!.DeepClone(), ["password"] = "123456" });
        Assert.That(auth.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Disabled_Is403()
    {
        var response = await PostAsync("/api/collections/_superusers/request-otp", new JsonObject { ["email"] = "admin@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("The collection is not configured to allow OTP authentication."));
    }

    [Test]
    public async Task Auth_MissingFields_AreValidationErrors()
    {
        var response = await PostAsync("/api/collections/users/auth-with-otp", new JsonObject());

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "otpId", "password" }));
    }
}
