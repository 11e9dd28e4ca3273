using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>
/// Views SQLite can no longer read (their table dropped from outside the server). Such a view
/// answers as upstream: 400 with the generic message for a list, 404 for a record; never a 500.
/// Nor does it block renames that no readable view depends on. These tests get their own server:
/// an unreadable view stops SQLite from rewriting the others' views (ViewDependencyTests).
/// </summary>
public sealed class UnreadableViewTests : ServerTestBase
{
    [Test]
    public async Task AViewSQLiteCannotRead_Answers400ForAListAnd404ForARecord()
    {
        await CreateAsync(Api, SuperuserToken, Public("uv_src", Field("title", "text")));
        var record = await Api.PostAsync("/api/collections/uv_src/records", new JsonObject { ["title"] = "a" }, SuperuserToken);
        await CreateAsync(Api, SuperuserToken, new JsonObject { ["name"] = "uv_view", ["type"] = "view", ["listRule"] = "", ["viewRule"] = "", ["viewQuery"] = "SELECT id, title FROM uv_src" });
        var id = record.Object["id"]!.GetValue<string>();
        Assert.That((await Api.GetAsync("/api/collections/uv_view/records", SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.OK));
        DropTableFromOutside("uv_src");

        var list = await Api.GetAsync("/api/collections/uv_view/records", SuperuserToken);
        var one = await Api.GetAsync($"/api/collections/uv_view/records/{id}", SuperuserToken);

        Assert.Multiple(() =>
        {
            Assert.That(list.Status, Is.EqualTo(HttpStatusCode.BadRequest), list.Text);
            Assert.That(list.Object["message"]!.GetValue<string>(), Is.EqualTo("Something went wrong while processing your request."));
            Assert.That(one.Status, Is.EqualTo(HttpStatusCode.NotFound), one.Text);
        });
    }

    [Test]
    public async Task AnUnreadableViewElsewhere_DoesNotBlockARenameNobodyReads()
    {
        await CreateAsync(Api, SuperuserToken, Public("uv_gone", Field("title", "text")));
        await CreateAsync(Api, SuperuserToken, new JsonObject { ["name"] = "uv_gone_view", ["type"] = "view", ["viewQuery"] = "SELECT id, title FROM uv_gone" });
        DropTableFromOutside("uv_gone");
        const string source = "uv_alone";
        await CreateAsync(Api, SuperuserToken, Public(source, Field("title", "text")));

        var renamed = await Api.PatchAsync($"/api/collections/{source}", new JsonObject { ["name"] = source + "_renamed" }, SuperuserToken);
        var fields = (await Api.GetAsync($"/api/collections/{source}_renamed", SuperuserToken)).Object["fields"]!.DeepClone().AsArray();
        fields.Single(f => f!["name"]!.GetValue<string>() == "title")!["name"] = "heading";
        var field = await Api.PatchAsync($"/api/collections/{source}_renamed", new JsonObject { ["fields"] = fields }, SuperuserToken);

        Assert.Multiple(() =>
        {
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Text);
            Assert.That(field.Status, Is.EqualTo(HttpStatusCode.OK), field.Text);
        });
    }

    /// <summary>Breaks a table's views from outside the server, as a sqlite3 shell could.</summary>
    private void DropTableFromOutside(string table)
    {
        using var db = Server.OpenDatabase(readOnly: false);
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"DROP TABLE `{table}`";
        cmd.ExecuteNonQuery();
    }
}
