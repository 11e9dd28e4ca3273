using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Tests.Mail;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows.Support;

/// <summary>
/// A real server (from <see cref="ServerTestBase"/>) whose SMTP settings point at an
/// <see cref="SmtpSink"/> on loopback, plus helpers to make users and read what was mailed.
/// </summary>
[CancelAfter(120_000)]
public abstract partial class AuthFlowTestBase : ServerTestBase
{
    protected static readonly TimeSpan MailWait = TimeSpan.FromSeconds(10);

    protected SmtpSink Sink { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartSinkAsync()
    {
        Sink = new SmtpSink();
        var response = await Api.PatchAsync("/api/settings", new JsonObject
        {
            ["smtp"] = new JsonObject { ["enabled"] = true, ["host"] = "127.0.0.1", ["port"] = Sink.Port },
            ["meta"] = new JsonObject { ["appName"] = "FlowTest", ["appURL"] = "http://127.0.0.1:9999", ["senderAddress"] = "noreply@flow.test" },
        }, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
    }

    [OneTimeTearDown]
    public async Task StopSinkAsync() => await Sink.DisposeAsync();

    protected static string UniqueEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>Creates a <c>users</c> record through the public API (createRule is empty).</summary>
    protected async Task<string> CreateUserAsync(string email, string password = "1234567890", bool verified = false)
    {
        var body = new JsonObject { ["email"] = email, ["password"] = password, ["passwordConfirm"] = password };
        if (verified)
        {
            body["verified"] = true;
        }

        var response = await Api.PostAsync("/api/collections/users/records", body, verified ? SuperuserToken : null);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["id"]!.GetValue<string>();
    }

    protected async Task<JsonObject> GetUserAsync(string id)
    {
        var response = await Api.GetAsync($"/api/collections/users/records/{id}", SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object;
    }

    protected async Task PatchUsersCollectionAsync(JsonObject patch)
    {
        var response = await Api.PatchAsync("/api/collections/users", patch, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
    }

    /// <summary>The mail to <paramref name="to"/> whose subject starts with <paramref name="subjectStart"/>.</summary>
    protected Task<CaughtMail> MailAsync(string to, string subjectStart) =>
        Sink.WaitForAsync(m => m.EnvelopeTo.Contains(to, StringComparer.OrdinalIgnoreCase) && (m.Message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal), MailWait);

    /// <summary>Asserts that no mail to <paramref name="to"/> arrives within a short wait.</summary>
    protected async Task AssertNoMailAsync(string to, string subjectStart)
    {
        await Task.Delay(700);
        Assert.That(Sink.Mails.Any(m => m.EnvelopeTo.Contains(to, StringComparer.OrdinalIgnoreCase) && (m.Message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal)), Is.False);
    }

    /// <summary>The JWT in the action link of a mail (<c>…/confirm-xxx/TOKEN</c>).</summary>
    protected static string TokenFrom(CaughtMail mail, string action)
    {
        var m = Regex.Match(mail.Html, "/_/#/auth/" + action + "/(?<t>[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)");
        Assert.That(m.Success, Is.True, mail.Html);
        return m.Groups["t"].Value;
    }

    protected async Task<ApiClient.Response> PostAsync(string url, JsonObject body, string? token = null) =>
        await Api.PostAsync(url, body, token);
}
