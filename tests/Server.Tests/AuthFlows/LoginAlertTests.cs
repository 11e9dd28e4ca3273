using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class LoginAlertTests : AuthFlowTestBase
{
    private const string Subject = "Login from a new location";

    private Task<PocketBaseSharp.Server.Tests.Support.ApiClient.Response> LoginFromAsync(string email, string userAgent) =>
        Api.SendAsync(HttpMethod.Post, "/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890" },
            headers: new Dictionary<string, string> { ["User-Agent"] = userAgent });

    [Test]
    public async Task NewLocation_AfterAKnownOne_SendsAnAlert_SameLocationDoesNot()
    {
        var email = UniqueEmail("alert");
        await CreateUserAsync(email);

        Assert.That((await LoginFromAsync(email, "HomeBrowser/1.0")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await LoginFromAsync(email, "HomeBrowser/1.0")).Status, Is.EqualTo(HttpStatusCode.OK));
        await AssertNoMailAsync(email, Subject);

        Assert.That((await LoginFromAsync(email, "StrangeBrowser/6.6")).Status, Is.EqualTo(HttpStatusCode.OK));
        var mail = await MailAsync(email, Subject);
        Assert.That(mail.Text, Does.Contain("127.0.0.1 StrangeBrowser/6.6"));
    }

    [Test]
    public async Task Origins_AreCappedAtFivePerRecord()
    {
        var email = UniqueEmail("origins");
        var id = await CreateUserAsync(email);

        for (var i = 0; i < 7; i++)
        {
            Assert.That((await LoginFromAsync(email, $"Agent/{i}")).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        var origins = await Api.GetAsync($"/api/collections/_authOrigins/records?filter=recordRef='{id}'", SuperuserToken);
        Assert.That(origins.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(5), origins.Text);
    }

    [Test]
    public async Task Disabled_TracksNothing()
    {
        await PatchUsersCollectionAsync(new JsonObject { ["authAlert"] = new JsonObject { ["enabled"] = false, ["emailTemplate"] = new JsonObject { ["subject"] = Subject, ["body"] = "<p>{ALERT_INFO}</p>" } } });
        try
        {
            var email = UniqueEmail("noalert");
            var id = await CreateUserAsync(email);
            await LoginFromAsync(email, "A/1");
            await LoginFromAsync(email, "B/1");

            var origins = await Api.GetAsync($"/api/collections/_authOrigins/records?filter=recordRef='{id}'", SuperuserToken);
            Assert.That(origins.Object["totalItems"]!.GetValue<int>(), Is.Zero);
            await AssertNoMailAsync(email, Subject);
        }
        finally
        {
            await PatchUsersCollectionAsync(new JsonObject { ["authAlert"] = new JsonObject { ["enabled"] = true } });
        }
    }
}
