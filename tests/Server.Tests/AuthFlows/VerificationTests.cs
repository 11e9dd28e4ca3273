using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class VerificationTests : AuthFlowTestBase
{
    private const string Subject = "Verify your FlowTest email";

    [Test]
    public async Task RequestThenConfirm_MarksTheRecordVerified()
    {
        var email = UniqueEmail("verify");
        var id = await CreateUserAsync(email);

        var request = await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });
        Assert.That(request.Status, Is.EqualTo(HttpStatusCode.NoContent), request.Text);
        var mail = await MailAsync(email, Subject);
        Assert.That(mail.Html, Does.Contain("http://127.0.0.1:9999/_/#/auth/confirm-verification/"));
        var token = TokenFrom(mail, "confirm-verification");

        var confirm = await PostAsync("/api/collections/users/confirm-verification", new JsonObject { ["token"] = token });

        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.NoContent), confirm.Text);
        Assert.That((await GetUserAsync(id))["verified"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Request_UnknownEmail_Answers204AndSendsNothing()
    {
        var email = UniqueEmail("nobody");

        var response = await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertNoMailAsync(email, Subject);
    }

    [Test]
    public async Task Request_AlreadyVerified_Answers204AndSendsNothing()
    {
        var email = UniqueEmail("already");
        await CreateUserAsync(email, verified: true);

        var response = await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertNoMailAsync(email, Subject);
    }

    [Test]
    public async Task Request_Twice_SendsOnlyOneMailWithinTheWindow()
    {
        var email = UniqueEmail("twice");
        await CreateUserAsync(email);

        await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });
        await MailAsync(email, Subject);
        var second = await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });
        await Task.Delay(700);

        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Sink.Mails.Count(m => m.EnvelopeTo.Contains(email)), Is.EqualTo(1));
    }

    [TestCase("", "validation_required")]
    [TestCase("not-an-email", "validation_is_email")]
    public async Task Request_InvalidEmail_Is400WithFieldError(string email, string code)
    {
        var response = await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["email"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
    }

    [Test]
    public async Task Request_Superusers_Is400()
    {
        var response = await PostAsync("/api/collections/_superusers/request-verification", new JsonObject { ["email"] = "admin@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("All superusers are verified by default."));
    }

    [TestCase("missing", "Missing or invalid collection context.")]
    [TestCase("_otps", "Missing or invalid auth collection context.")]
    public async Task Request_NotAnAuthCollection_Is404(string collection, string message)
    {
        var response = await PostAsync($"/api/collections/{collection}/request-verification", new JsonObject { ["email"] = "a@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo(message));
    }

    [Test]
    public async Task Confirm_TamperedToken_Is400WithTokenError()
    {
        var email = UniqueEmail("tamper");
        var id = await CreateUserAsync(email);
        await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });
        var token = TokenFrom(await MailAsync(email, Subject), "confirm-verification");
        var tampered = token[..^2] + (token[^2..] == "AA" ? "BB" : "AA");

        var response = await PostAsync("/api/collections/users/confirm-verification", new JsonObject { ["token"] = tampered });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["token"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_token"));
        Assert.That((await GetUserAsync(id))["verified"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Confirm_AuthTokenInsteadOfVerificationToken_Is400()
    {
        var email = UniqueEmail("wrongtype");
        await CreateUserAsync(email);
        var authToken = await Api.LoginAsync("users", email, "1234567890");

        var response = await PostAsync("/api/collections/users/confirm-verification", new JsonObject { ["token"] = authToken });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["token"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_token"));
    }

    [Test]
    public async Task Confirm_Blank_Is400Required()
    {
        var response = await PostAsync("/api/collections/users/confirm-verification", new JsonObject());

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["token"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"));
    }
}
