using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class EmailChangeTests : AuthFlowTestBase
{
    private const string Subject = "Confirm your FlowTest new email address";

    [Test]
    public async Task RequestThenConfirm_ChangesEmailAndRotatesTokens()
    {
        var email = UniqueEmail("old");
        var newEmail = UniqueEmail("new");
        var id = await CreateUserAsync(email);
        var auth = await Api.LoginAsync("users", email, "1234567890");

        var request = await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = newEmail }, auth);
        Assert.That(request.Status, Is.EqualTo(HttpStatusCode.NoContent), request.Text);
        var token = TokenFrom(await MailAsync(newEmail, Subject), "confirm-email-change");

        var confirm = await PostAsync("/api/collections/users/confirm-email-change", new JsonObject { ["token"] = token, ["password"] = "1234567890" });

        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.NoContent), confirm.Text);
        var user = await GetUserAsync(id);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(user["email"]!.GetValue<string>(), Is.EqualTo(newEmail));
            Assert.That(user["verified"]!.GetValue<bool>(), Is.True);
            Assert.That(await Api.LoginAsync("users", newEmail, "1234567890"), Is.Not.Empty);
            Assert.That((await PostAsync("/api/collections/users/auth-refresh", new JsonObject(), auth)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Confirm_WrongPassword_Is400AndKeepsEmail()
    {
        var email = UniqueEmail("keep");
        var newEmail = UniqueEmail("wanted");
        var id = await CreateUserAsync(email);
        var auth = await Api.LoginAsync("users", email, "1234567890");
        await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = newEmail }, auth);
        var token = TokenFrom(await MailAsync(newEmail, Subject), "confirm-email-change");

        var confirm = await PostAsync("/api/collections/users/confirm-email-change", new JsonObject { ["token"] = token, ["password"] = "wrong-password" });

        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(confirm.Object["data"]!["password"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_password"));
        Assert.That((await GetUserAsync(id))["email"]!.GetValue<string>(), Is.EqualTo(email));
    }

    [Test]
    public async Task Request_Guest_Is401()
    {
        var response = await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = "x@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("The request requires valid record authorization token."));
    }

    [Test]
    public async Task Request_SuperuserTokenOnUsers_Is403()
    {
        var response = await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = "x@example.com" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("The request requires auth record from users collection."));
    }

    [Test]
    public async Task Request_UnknownCollection_Is404BeforeTheAuthGuard()
    {
        var response = await PostAsync("/api/collections/missing/request-email-change", new JsonObject { ["newEmail"] = "x@example.com" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Request_TakenOrSameOrInvalidEmail_AreFieldErrors()
    {
        var email = UniqueEmail("me");
        var other = UniqueEmail("other");
        await CreateUserAsync(email);
        await CreateUserAsync(other);
        var auth = await Api.LoginAsync("users", email, "1234567890");

        var taken = await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = other }, auth);
        var same = await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = email }, auth);
        var invalid = await PostAsync("/api/collections/users/request-email-change", new JsonObject { ["newEmail"] = "nope" }, auth);

        Assert.Multiple(() =>
        {
            Assert.That(taken.Object["data"]!["newEmail"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_new_email"));
            Assert.That(same.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(invalid.Object["data"]!["newEmail"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_is_email"));
        });
    }
}
