using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class SettingsApiTests : AuthFlowTestBase
{
    [Test]
    public async Task Get_Superuser_SeesSettingsWithoutSecrets()
    {
        var patch = await Api.PatchAsync("/api/settings", new JsonObject { ["smtp"] = new JsonObject { ["password"] = "smtp-secret-value" } }, SuperuserToken);
        Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.OK), patch.Text);

        var response = await Api.GetAsync("/api/settings", SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Does.Not.Contain("smtp-secret-value"));
            Assert.That(patch.Text, Does.Not.Contain("smtp-secret-value"));
            Assert.That(response.Object["smtp"]!.AsObject().ContainsKey("password"), Is.False);
            Assert.That(response.Object["meta"]!["appName"]!.GetValue<string>(), Is.EqualTo("FlowTest"));
            Assert.That(response.Object["rateLimits"]!["rules"]!.AsArray(), Has.Count.EqualTo(4));
            Assert.That(response.Object["batch"]!["maxRequests"]!.GetValue<int>(), Is.EqualTo(50));
        });
    }

    [Test]
    public async Task Get_FieldsParameter_TrimsTheAnswer()
    {
        var response = await Api.GetAsync("/api/settings?fields=meta.appName", SuperuserToken);

        Assert.That(response.Text.TrimEnd(), Is.EqualTo("""{"meta":{"appName":"FlowTest"}}"""));
    }

    [Test]
    public async Task GuestAndUser_AreRejected()
    {
        var email = UniqueEmail("settings");
        await CreateUserAsync(email);
        var user = await Api.LoginAsync("users", email, "1234567890");

        var guest = await Api.GetAsync("/api/settings");
        var asUser = await Api.PatchAsync("/api/settings", new JsonObject { ["meta"] = new JsonObject { ["appName"] = "Hacked" } }, user);

        Assert.Multiple(() =>
        {
            Assert.That(guest.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(asUser.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Patch_Invalid_Is400AndSavesNothing()
    {
        var response = await Api.PatchAsync("/api/settings", new JsonObject { ["meta"] = new JsonObject { ["appName"] = "", ["senderAddress"] = "nope" } }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("An error occurred while saving the new settings."));
            Assert.That(response.Object["data"]!["meta"]!["appName"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"));
            Assert.That(response.Object["data"]!["meta"]!["senderAddress"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_is_email"));
            Assert.That((await Api.GetAsync("/api/settings", SuperuserToken)).Object["meta"]!["appName"]!.GetValue<string>(), Is.EqualTo("FlowTest"));
        });
    }

    [Test]
    public async Task Patch_WrongType_Is400()
    {
        var response = await Api.PatchAsync("/api/settings", new JsonObject { ["smtp"] = new JsonObject { ["port"] = "25" } }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Patch_PersistsAcrossRestart()
    {
        await Api.PatchAsync("/api/settings", new JsonObject { ["logs"] = new JsonObject { ["maxDays"] = 9 } }, SuperuserToken);

        await Server.StopAsync();
        await Server.StartAsync();
        var token = await Api.LoginAsync("_superusers", "admin@example.com", "1234567890");

        var response = await Api.GetAsync("/api/settings", token);
        Assert.That(response.Object["logs"]!["maxDays"]!.GetValue<int>(), Is.EqualTo(9));
    }

    [TestCase("verification", "Verify your FlowTest email")]
    [TestCase("password-reset", "Reset your FlowTest password")]
    [TestCase("email-change", "Confirm your FlowTest new email address")]
    [TestCase("otp", "OTP for FlowTest")]
    [TestCase("login-alert", "Login from a new location")]
    public async Task TestEmail_SendsTheTemplate(string template, string subject)
    {
        var to = UniqueEmail("test-" + template);

        var response = await Api.PostAsync("/api/settings/test/email", new JsonObject { ["email"] = to, ["template"] = template, ["collection"] = "users" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent), response.Text);
        var mail = await MailAsync(to, subject);
        Assert.That(mail.EnvelopeFrom, Is.EqualTo("noreply@flow.test"));
    }

    [Test]
    public async Task TestEmail_InvalidInput_Is400()
    {
        var response = await Api.PostAsync("/api/settings/test/email", new JsonObject { ["email"] = "bad", ["template"] = "nope" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "email", "template" }));
    }
}
