using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary><c>POST /api/collections/meta/dry-run-view</c> (http-api.md §7).</summary>
public sealed class ViewDryRunTests : ServerTestBase
{
    private const string Url = "/api/collections/meta/dry-run-view";

    [OneTimeSetUp]
    public async Task CreateNotesAsync()
    {
        await Support.Collections.CreateAsync(Api, SuperuserToken, Support.Collections.Public("drynotes", Support.Collections.Field("title", "text")));
        for (var i = 0; i < 12; i++)
        {
            var created = await Api.PostAsync("/api/collections/drynotes/records", new JsonObject { ["title"] = i == 0 ? "first" : "note " + i }, SuperuserToken);
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        }
    }

    [Test]
    public async Task Query_ReturnsInferredFieldsAndASample()
    {
        var before = (await Api.GetAsync("/api/collections?perPage=1", SuperuserToken)).Object["totalItems"]!.GetValue<int>();

        var response = await Api.PostAsync(Url, new JsonObject { ["query"] = "SELECT id, title, (SELECT COUNT(*) FROM drynotes) AS total FROM drynotes ORDER BY title = 'first' DESC" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var fields = response.Object["fields"]!.AsArray();
        var sample = response.Object["sample"]!.AsArray();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(fields.Select(f => f!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "id", "title", "total" }));
            Assert.That(fields.Select(f => f!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "text", "text", "json" }));
            Assert.That(sample, Has.Count.EqualTo(10));
            Assert.That(sample[0]!["title"]!.GetValue<string>(), Is.EqualTo("first"));
            Assert.That(sample[0]!["total"]!.GetValue<int>(), Is.EqualTo(12));
            Assert.That((await Api.GetAsync("/api/collections?perPage=1", SuperuserToken)).Object["totalItems"]!.GetValue<int>(), Is.EqualTo(before), "nothing is created");
        });
    }

    [TestCase("SELECT nope FROM nowhere", "Invalid view query. Raw error: ")]
    [TestCase("SELECT title FROM drynotes", "Invalid view query. Raw error: \nmissing required id column")]
    [TestCase("DELETE FROM drynotes", "Invalid view query. Raw error: ")]
    [TestCase("SELECT id FROM drynotes; DELETE FROM drynotes", "Invalid view query. Raw error: ")]
    [TestCase("SELECT '' AS id", "Invalid view query. Raw error: \nthe query could return records with empty or invalid ids")]
    [TestCase("SELECT 1 AS id UNION ALL SELECT 1 AS id", "Invalid view query. Raw error: \nthe query could return records with non-unique ids")]
    public async Task BadQuery_Is400(string query, string message)
    {
        var response = await Api.PostAsync(Url, new JsonObject { ["query"] = query }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["message"]!.GetValue<string>(), Does.StartWith(message));
        Assert.That(response.Object["data"]!.AsObject(), Is.Empty);
        var records = await Api.GetAsync("/api/collections/drynotes/records?perPage=1", SuperuserToken);
        Assert.That(records.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(12));
    }

    [Test]
    public async Task NumericId_IsSampledAsText()
    {
        var response = await Api.PostAsync(Url, new JsonObject { ["query"] = "select 1 as id" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(response.Object["sample"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("1"));
    }

    [TestCase("", "validation_required")]
    [TestCase(null, "validation_required")]
    public async Task MissingQuery_Is400WithTheField(string? query, string code)
    {
        var response = await Api.PostAsync(Url, new JsonObject { ["query"] = query }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["data"]!["query"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
    }

    [Test]
    public async Task TooLongQuery_Is400()
    {
        var response = await Api.PostAsync(Url, new JsonObject { ["query"] = "SELECT id FROM drynotes WHERE " + string.Concat(Enumerable.Repeat("1=1 AND ", 700)) + "1=1" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["data"]!["query"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_too_long"));
    }

    [Test]
    public async Task NonSuperusers_AreRejected()
    {
        var email = $"dry-{Guid.NewGuid():N}@example.com";
        await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = email, ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" });
        var user = await Api.LoginAsync("users", email, "1234567890");
        var body = new JsonObject { ["query"] = "SELECT id FROM drynotes" };

        var asGuest = await Api.PostAsync(Url, body);
        var asUser = await Api.PostAsync(Url, body, user);

        Assert.Multiple(() =>
        {
            Assert.That(asGuest.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(asUser.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }
}
