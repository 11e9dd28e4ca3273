using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary><c>superuser otp EMAIL</c> and the MFA it makes usable: OTP on <c>_superusers</c> forces MFA on.</summary>
public sealed class SuperuserOtpCliTests : AuthFlowTestBase
{
    [Test]
    public async Task OtpDisabled_CommandFails()
    {
        var (code, output) = await ServerProcess.RunCliAsync(["superuser", "otp", "admin@example.com", "--dir", Server.DataDir]);

        Assert.That(code, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("not enabled"));
    }

    [Test]
    public async Task UnknownSuperuser_CommandFails()
    {
        var (code, output) = await ServerProcess.RunCliAsync(["superuser", "otp", "nobody@example.com", "--dir", Server.DataDir]);

        Assert.That(code, Is.Not.Zero, output);
    }

    [Test]
    public async Task OtpEnabled_PasswordNeedsASecondFactor_TheCliCodeCompletesIt()
    {
        var patch = await Api.PatchAsync("/api/collections/_superusers", new JsonObject { ["otp"] = OtpTests.OtpOptions() }, SuperuserToken);
        Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.OK), patch.Text);
        try
        {
            var first = await PostAsync("/api/collections/_superusers/auth-with-password", new JsonObject { ["identity"] = "admin@example.com", ["password"] = "1234567890" });
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Unauthorized), first.Text);

            var (exit, output) = await ServerProcess.RunCliAsync(["superuser", "otp", "admin@example.com", "--dir", Server.DataDir]);
            Assert.That(exit, Is.Zero, output);
            var otpId = Regex.Match(output, "otpId:\\s+(\\w+)").Groups[1].Value;
            var code = Regex.Match(output, "password:\\s+([0-9]+)").Groups[1].Value;

            var second = await PostAsync("/api/collections/_superusers/auth-with-otp", new JsonObject
            {
                ["otpId"] = otpId, ["password"] = code, ["mfaId"] = first.Object["mfaId"]!.DeepClone(),
            });

            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
            Assert.That(second.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo("admin@example.com"));
        }
        finally
        {
            await Api.PatchAsync("/api/collections/_superusers", new JsonObject { ["otp"] = OtpTests.OtpOptions(enabled: false) }, SuperuserToken);
        }
    }
}
