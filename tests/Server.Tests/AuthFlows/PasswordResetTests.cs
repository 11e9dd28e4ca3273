using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class PasswordResetTests : AuthFlowTestBase
{
    private const string Subject = "Reset your FlowTest password";

    private async Task<(string Id, string Email, string Token)> RequestResetAsync(string prefix)
    {
        var email = UniqueEmail(prefix);
        var id = await CreateUserAsync(email);
        var request = await PostAsync("/api/collections/users/request-password-reset", new JsonObject { ["email"] = email });
        Assert.That(request.Status, Is.EqualTo(HttpStatusCode.NoContent), request.Text);
        return (id, email, TokenFrom(await MailAsync(email, Subject), "confirm-password-reset"));
    }

    [Test]
    public async Task Confirm_SetsPassword_VerifiesAndKillsOldTokens()
    {
        var (id, email, token) = await RequestResetAsync("reset");
        var oldAuth = await Api.LoginAsync("users", email, "1234567890");

        var confirm = await PostAsync("/api/collections/users/confirm-password-reset", new JsonObject
        {
            ["token"] = token, ["password"] = "new-password-1", ["passwordConfirm"] = "new-password-1",
        });

        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.NoContent), confirm.Text);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890" })).Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await Api.LoginAsync("users", email, "new-password-1"), Is.Not.Empty);
            Assert.That((await PostAsync("/api/collections/users/auth-refresh", new JsonObject(), oldAuth)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await GetUserAsync(id))["verified"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Confirm_SameTokenTwice_SecondIsRejected()
    {
        var (_, _, token) = await RequestResetAsync("reuse");
        var body = new JsonObject { ["token"] = token, ["password"] = "new-password-1", ["passwordConfirm"] = "new-password-1" };
        Assert.That((await PostAsync("/api/collections/users/confirm-password-reset", body)).Status, Is.EqualTo(HttpStatusCode.NoContent));

        var again = await PostAsync("/api/collections/users/confirm-password-reset", (JsonObject)body.DeepClone());

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(again.Object["data"]!["token"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_token"));
    }

    [Test]
    public async Task Confirm_ShortAndMismatchedPasswords_AreFieldErrors()
    {
        var (_, _, token) = await RequestResetAsync("short");

        var response = await PostAsync("/api/collections/users/confirm-password-reset", new JsonObject
        {
            ["token"] = token, ["password"] = "short", ["passwordConfirm"] = "different",
        });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.Multiple(() =>
        {
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("An error occurred while validating the submitted data."));
            Assert.That(response.Object["data"]!["password"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_out_of_range"));
            Assert.That(response.Object["data"]!["passwordConfirm"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_values_mismatch"));
            Assert.That(response.Object["data"]!.AsObject().ContainsKey("token"), Is.False);
        });
    }

    [Test]
    public async Task Confirm_VerificationTokenInsteadOfResetToken_Is400()
    {
        var email = UniqueEmail("wrongkind");
        await CreateUserAsync(email);
        await PostAsync("/api/collections/users/request-verification", new JsonObject { ["email"] = email });
        var verificationToken = TokenFrom(await MailAsync(email, "Verify your FlowTest email"), "confirm-verification");

        var response = await PostAsync("/api/collections/users/confirm-password-reset", new JsonObject
        {
            ["token"] = verificationToken, ["password"] = "new-password-1", ["passwordConfirm"] = "new-password-1",
        });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["token"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_token"));
    }

    [Test]
    public async Task Request_UnknownEmail_Is204WithoutMail()
    {
        var email = UniqueEmail("ghost");

        var response = await PostAsync("/api/collections/users/request-password-reset", new JsonObject { ["email"] = email });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertNoMailAsync(email, Subject);
    }

    [Test]
    public async Task Request_Superuser_GetsTheMailFromItsOwnCollection()
    {
        var response = await PostAsync("/api/collections/_superusers/request-password-reset", new JsonObject { ["email"] = "admin@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent));
        var mail = await MailAsync("admin@example.com", "Reset your FlowTest password");
        Assert.That(TokenFrom(mail, "confirm-password-reset"), Is.Not.Empty);
    }
}
