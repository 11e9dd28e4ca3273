using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Logs;

/// <summary>The request log and <c>/api/logs*</c> against the real server (http-api.md §9).</summary>
public sealed class LogsApiTests : ServerTestBase
{
    private string _userToken = "";

    [OneTimeSetUp]
    public async Task CreateUserAsync()
    {
        var email = $"logs-{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = email, ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" }, SuperuserToken);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        _userToken = await Api.LoginAsync("users", email, "1234567890");
    }

    [Test]
    public async Task FailedRequest_IsLoggedAsError()
    {
        var url = "/api/collections/missing_" + Guid.NewGuid().ToString("N") + "/records?page=2";
        await Api.SendAsync(HttpMethod.Get, url, headers: new Dictionary<string, string> { ["Referer"] = "http://127.0.0.1/x", ["User-Agent"] = "logs-test" });

        var entry = await LogWaiter.WaitForAsync(Api, SuperuserToken, $"data.url = '{url}'");

        var data = entry["data"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(entry["level"]!.GetValue<int>(), Is.EqualTo(8));
            Assert.That(entry["message"]!.GetValue<string>(), Is.EqualTo("GET " + url));
            Assert.That(entry["id"]!.GetValue<string>(), Does.Match("^[a-z0-9]{15}$"));
            Assert.That(entry["created"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(entry.Select(p => p.Key), Is.EqualTo(new[] { "id", "created", "data", "message", "level" }));
            Assert.That(data["type"]!.GetValue<string>(), Is.EqualTo("request"));
            Assert.That(data["method"]!.GetValue<string>(), Is.EqualTo("GET"));
            Assert.That(data["status"]!.GetValue<int>(), Is.EqualTo(404));
            Assert.That(data["auth"]!.GetValue<string>(), Is.EqualTo(""));
            Assert.That(data["referer"]!.GetValue<string>(), Is.EqualTo("http://127.0.0.1/x"));
            Assert.That(data["userAgent"]!.GetValue<string>(), Is.EqualTo("logs-test"));
            Assert.That(data["userIP"]!.GetValue<string>(), Is.EqualTo("127.0.0.1"));
            Assert.That(data["remoteIP"]!.GetValue<string>(), Is.EqualTo("127.0.0.1"));
            Assert.That(data["error"]!.GetValue<string>(), Is.EqualTo("Missing collection context."));
            Assert.That(data["execTime"]!.GetValue<double>(), Is.GreaterThan(0));
            Assert.That(data.ContainsKey("authId"), Is.False, "logAuthId is off by default");
            Assert.That(data.Select(p => p.Key), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        });
    }

    [Test]
    public async Task SuccessfulRequest_IsLoggedAsInfoWithTheAuthCollection()
    {
        var marker = Guid.NewGuid().ToString("N");
        var ok = await Api.GetAsync("/api/collections/users/records?filter=" + Uri.EscapeDataString($"id = '{marker}'"), _userToken);
        Assert.That(ok.Status, Is.EqualTo(HttpStatusCode.OK));

        var entry = await LogWaiter.WaitForAsync(Api, SuperuserToken, $"message ~ '{marker}'");

        Assert.Multiple(() =>
        {
            Assert.That(entry["level"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(entry["data"]!["status"]!.GetValue<int>(), Is.EqualTo(200));
            Assert.That(entry["data"]!["auth"]!.GetValue<string>(), Is.EqualTo("users"));
            Assert.That(entry["data"]!.AsObject().ContainsKey("error"), Is.False);
            Assert.That(entry["message"]!.GetValue<string>(), Does.Contain($"id = '{marker}'"), "the message holds the unescaped url");
        });
    }

    [Test]
    public async Task ExcludedSuccesses_AreNotLogged_ButTheirFailuresAre()
    {
        var marker = Guid.NewGuid().ToString("N");
        Assert.That((await Api.GetAsync($"/api/logs?filter=" + Uri.EscapeDataString($"message = '{marker}'"), SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.GetAsync($"/api/logs/stats?filter=" + Uri.EscapeDataString($"message = '{marker}'"), SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.GetAsync($"/_/?{marker}")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.GetAsync($"/api/logs?filter=" + Uri.EscapeDataString($"nope = '{marker}'"), SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.BadRequest));

        await LogWaiter.MarkAsync(Api, SuperuserToken);

        var logged = await LogWaiter.ListAsync(Api, SuperuserToken, $"message ~ '{marker}'");
        Assert.That(logged, Has.Count.EqualTo(1), logged.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(logged[0]!["data"]!["status"]!.GetValue<int>(), Is.EqualTo(400));
            Assert.That(logged[0]!["level"]!.GetValue<int>(), Is.EqualTo(8));
            Assert.That(logged[0]!["data"]!["auth"]!.GetValue<string>(), Is.EqualTo("_superusers"));
        });
    }

    [TestCase("/api/logs")]
    [TestCase("/api/logs/stats")]
    [TestCase("/api/logs/abcdefghijklmno")]
    [TestCase("/api/logs/requests")]
    public async Task NonSuperusers_AreRejected(string url)
    {
        var guest = await Api.GetAsync(url);
        var user = await Api.GetAsync(url, _userToken);

        Assert.Multiple(() =>
        {
            Assert.That(guest.Status, Is.EqualTo(HttpStatusCode.Unauthorized), guest.Text);
            Assert.That(guest.Object["message"]!.GetValue<string>(), Is.EqualTo("The request requires valid record authorization token."));
            Assert.That(user.Status, Is.EqualTo(HttpStatusCode.Forbidden), user.Text);
            Assert.That(user.Object["message"]!.GetValue<string>(), Is.EqualTo("The authorized record is not allowed to perform this action."));
        });
    }

    [TestCase("filter=data.status >=")]
    [TestCase("filter=unknown = 1")]
    [TestCase("filter=@collection.users.id != ''")]
    [TestCase("sort=nope")]
    [TestCase("page=abc")]
    [TestCase("perPage=1.5")]
    [TestCase("skipTotal=maybe")]
    public async Task List_BadParameters_Is400(string parameter)
    {
        var parts = parameter.Split('=', 2);
        var response = await Api.GetAsync($"/api/logs?{parts[0]}={Uri.EscapeDataString(parts[1])}", SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Something went wrong while processing your request."));
    }

    [Test]
    public async Task Stats_BadFilter_Is400()
    {
        var response = await Api.GetAsync("/api/logs/stats?filter=" + Uri.EscapeDataString("level >"), SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Invalid filter format."));
    }

    [Test]
    public async Task LongUrl_IsCutWithAnEllipsis()
    {
        var url = "/api/collections/missing_" + Guid.NewGuid().ToString("N") + "/records?filter=" + new string('a', 3100);
        await Api.GetAsync(url);

        var entry = await LogWaiter.WaitForAsync(Api, SuperuserToken, $"data.url ~ '{url[..60]}'");

        Assert.That(entry["data"]!["url"]!.GetValue<string>(), Is.EqualTo(url[..3000] + "..."));
    }

    [Test]
    public async Task List_PagesFiltersAndSorts()
    {
        await LogWaiter.MarkAsync(Api, SuperuserToken);
        await LogWaiter.MarkAsync(Api, SuperuserToken);

        var page = await Api.GetAsync("/api/logs?perPage=1&sort=-created,id&filter=" + Uri.EscapeDataString("data.status >= 400 && level = 8 && data.url ~ '/marker_'"), SuperuserToken);
        var skipped = await Api.GetAsync("/api/logs?perPage=1&skipTotal=1", SuperuserToken);

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Text);
        Assert.Multiple(() =>
        {
            Assert.That(page.Object["items"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(page.Object["perPage"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(page.Object["totalItems"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(2));
            Assert.That(page.Object["totalPages"]!.GetValue<long>(), Is.EqualTo(page.Object["totalItems"]!.GetValue<long>()));
            Assert.That(skipped.Object["totalItems"]!.GetValue<long>(), Is.EqualTo(-1));
            Assert.That(skipped.Object["totalPages"]!.GetValue<long>(), Is.EqualTo(-1));
        });
    }

    [Test]
    public async Task View_ReturnsTheEntry_Or404()
    {
        var entry = await LogWaiter.MarkAsync(Api, SuperuserToken);

        var found = await Api.GetAsync("/api/logs/" + entry["id"]!.GetValue<string>(), SuperuserToken);
        var missing = await Api.GetAsync("/api/logs/zzzzzzzzzzzzzzz", SuperuserToken);

        Assert.Multiple(() =>
        {
            Assert.That(found.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(found.Object.ToJsonString(), Is.EqualTo(entry.ToJsonString()));
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.Object["message"]!.GetValue<string>(), Is.EqualTo("The requested resource wasn't found."));
        });
    }

    [Test]
    public async Task Stats_CountsPerHour()
    {
        var entry = await LogWaiter.MarkAsync(Api, SuperuserToken);

        var all = await Api.GetAsync("/api/logs/stats", SuperuserToken);
        var one = await Api.GetAsync("/api/logs/stats?filter=" + Uri.EscapeDataString($"id = '{entry["id"]!.GetValue<string>()}'"), SuperuserToken);

        Assert.That(all.Status, Is.EqualTo(HttpStatusCode.OK), all.Text);
        var buckets = all.Json!.AsArray();
        var single = one.Json!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(buckets, Is.Not.Empty);
            Assert.That(buckets.Select(b => b!["date"]!.GetValue<string>()), Is.All.Match(@"^\d{4}-\d\d-\d\d \d\d:00:00\.000Z$"));
            Assert.That(buckets.Select(b => b!["date"]!.GetValue<string>()), Is.Ordered);
            Assert.That(single, Has.Count.EqualTo(1));
            Assert.That(single[0]!["total"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(single[0]!["date"]!.GetValue<string>(), Is.EqualTo(entry["created"]!.GetValue<string>()[..13] + ":00:00.000Z"));
        });
    }
}
