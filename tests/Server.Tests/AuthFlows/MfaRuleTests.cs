using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary><c>mfa.rule</c>: MFA applies only to the records matching it.</summary>
public sealed class MfaRuleTests : AuthFlowTestBase
{
    [OneTimeSetUp]
    public Task EnableMfaForVerifiedOnlyAsync() => PatchUsersCollectionAsync(new JsonObject
    {
        ["otp"] = OtpTests.OtpOptions(),
        ["mfa"] = new JsonObject { ["enabled"] = true, ["duration"] = 600, ["rule"] = "verified = true" },
    });

    [Test]
    public async Task MatchingRecord_NeedsMfa_OthersDoNot()
    {
        var plain = UniqueEmail("plain");
        var strict = UniqueEmail("strict");
        await CreateUserAsync(plain);
        await CreateUserAsync(strict, verified: true);

        var plainLogin = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = plain, ["password"] = "1234567890" });
        var strictLogin = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = strict, ["password"] = "1234567890" });

        Assert.Multiple(() =>
        {
            Assert.That(plainLogin.Status, Is.EqualTo(HttpStatusCode.OK), plainLogin.Text);
            Assert.That(strictLogin.Status, Is.EqualTo(HttpStatusCode.Unauthorized), strictLogin.Text);
            Assert.That(strictLogin.Object.ContainsKey("mfaId"), Is.True);
        });
    }
}
