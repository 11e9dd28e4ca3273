using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Logs;

/// <summary><c>settings.logs</c> (maxDays, minLevel, logIP, logAuthId) applies to the next request.</summary>
public sealed class RequestLogSettingsTests : ServerTestBase
{
    [TearDown]
    public async Task RestoreDefaultsAsync() =>
        await PatchLogsAsync(new JsonObject { ["maxDays"] = 5, ["minLevel"] = 0, ["logIP"] = true, ["logAuthId"] = false });

    [Test]
    public async Task LogIpOff_LogAuthIdOn_ChangeTheData()
    {
        await PatchLogsAsync(new JsonObject { ["logIP"] = false, ["logAuthId"] = true });
        var superuser = await Api.GetAsync("/api/collections/_superusers/records?filter=" + Uri.EscapeDataString("email = 'admin@example.com'"), SuperuserToken);
        var url = "/api/collections/missing_" + Guid.NewGuid().ToString("N");
        await Api.GetAsync(url, SuperuserToken);

        var data = (await LogWaiter.WaitForAsync(Api, SuperuserToken, $"data.url = '{url}'"))["data"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(data.ContainsKey("userIP"), Is.False);
            Assert.That(data.ContainsKey("remoteIP"), Is.False);
            Assert.That(data["auth"]!.GetValue<string>(), Is.EqualTo("_superusers"));
            Assert.That(data["authId"]!.GetValue<string>(), Is.EqualTo(superuser.Object["items"]![0]!["id"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task MinLevelAboveError_DropsEverything()
    {
        await PatchLogsAsync(new JsonObject { ["minLevel"] = 9 });
        var url = "/api/collections/missing_" + Guid.NewGuid().ToString("N");
        await Api.GetAsync(url);
        await PatchLogsAsync(new JsonObject { ["minLevel"] = 8 });
        var kept = "/api/collections/kept_" + Guid.NewGuid().ToString("N");
        await Api.GetAsync(kept);
        await Api.GetAsync("/api/health?" + Guid.NewGuid().ToString("N"));

        await LogWaiter.WaitForAsync(Api, SuperuserToken, $"data.url = '{kept}'");
        await LogWaiter.MarkAsync(Api, SuperuserToken);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await LogWaiter.ListAsync(Api, SuperuserToken, $"data.url = '{url}'"), Is.Empty);
            Assert.That(await LogWaiter.ListAsync(Api, SuperuserToken, "data.url ~ '/api/health?' && level = 0"), Is.Empty, "info is below minLevel 8");
        });
    }

    [Test]
    public async Task MaxDaysZero_DisablesLogging()
    {
        await PatchLogsAsync(new JsonObject { ["maxDays"] = 0 });
        var url = "/api/collections/missing_" + Guid.NewGuid().ToString("N");
        await Api.GetAsync(url);
        await PatchLogsAsync(new JsonObject { ["maxDays"] = 5 });

        await LogWaiter.MarkAsync(Api, SuperuserToken);

        Assert.That(await LogWaiter.ListAsync(Api, SuperuserToken, $"data.url = '{url}'"), Is.Empty);
    }

    private async Task PatchLogsAsync(JsonObject logs)
    {
        var response = await Api.PatchAsync("/api/settings", new JsonObject { ["logs"] = logs }, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
    }
}
