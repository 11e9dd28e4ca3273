using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>
/// Views follow the collections they read, as upstream v0.39: a change that would leave a view
/// unreadable is refused, renames are followed by SQLite, views whose inferred fields changed are
/// saved again, and a view SQLite cannot read answers 400/404, never 500.
/// </summary>
public sealed class ViewDependencyTests : ServerTestBase
{
    private int _n;

    /// <summary>A fresh source collection (title, n, extra), one record, and a view reading title and n.</summary>
    private async Task<(string Source, string View, string RecordId)> SourceAndViewAsync()
    {
        var source = $"vd_src{++_n}";
        var view = $"vd_view{_n}";
        await CreateAsync(Api, SuperuserToken, Public(source, Field("title", "text"), Field("n", "number"), Field("extra", "text")));
        var record = await Api.PostAsync($"/api/collections/{source}/records", new JsonObject { ["title"] = "a", ["n"] = 1, ["extra"] = "x" }, SuperuserToken);
        Assert.That(record.Status, Is.EqualTo(HttpStatusCode.OK), record.Text);
        await CreateAsync(Api, SuperuserToken, new JsonObject { ["name"] = view, ["type"] = "view", ["listRule"] = "", ["viewRule"] = "", ["viewQuery"] = $"SELECT id, title, n FROM {source}" });
        return (source, view, record.Object["id"]!.GetValue<string>());
    }

    private async Task<ApiClient.Response> PatchFieldsAsync(string collection, Func<JsonArray, IEnumerable<JsonNode?>> change)
    {
        var fields = (await Api.GetAsync($"/api/collections/{collection}", SuperuserToken)).Object["fields"]!.AsArray();
        var changed = new JsonArray([.. change(fields).Select(f => f?.DeepClone())]);
        return await Api.PatchAsync($"/api/collections/{collection}", new JsonObject { ["fields"] = changed }, SuperuserToken);
    }

    private static JsonNode? With(JsonNode? field, string key, JsonNode value)
    {
        var copy = field!.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    private static string NameOf(JsonNode? field) => field!["name"]!.GetValue<string>();

    private async Task<ApiClient.Response> ListAsync(string view) => await Api.GetAsync($"/api/collections/{view}/records", SuperuserToken);

    [Test]
    public async Task DeletingAFieldTheViewReads_IsRefused_AndBothStayAsTheyWere()
    {
        var (source, view, _) = await SourceAndViewAsync();

        var response = await PatchFieldsAsync(source, fields => fields.Where(f => NameOf(f) != "n"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        var list = await ListAsync(view);
        var sourceAfter = await Api.GetAsync($"/api/collections/{source}", SuperuserToken);
        Assert.Multiple(() =>
        {
            // The spec's message and empty data (http-api.md §1, §7): no SQLite text in the answer.
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to update collection."));
            Assert.That(response.Object["data"]!.AsObject(), Is.Empty);
            Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.Text);
            Assert.That(list.Object["items"]![0]!["n"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(sourceAfter.Object["fields"]!.AsArray().Select(NameOf), Does.Contain("n"));
        });
    }

    [Test]
    public async Task AnImportThatWouldBreakAView_IsRefused_WithTheCauseInItsRawError()
    {
        var (source, view, _) = await SourceAndViewAsync();
        var definition = (await Api.GetAsync($"/api/collections/{source}", SuperuserToken)).Object;
        definition["fields"] = new JsonArray([.. definition["fields"]!.AsArray().Where(f => NameOf(f) != "n").Select(f => f?.DeepClone())]);

        var response = await Api.SendAsync(HttpMethod.Put, "/api/collections/import", new JsonObject { ["collections"] = new JsonArray(definition.DeepClone()) }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.Multiple(async () =>
        {
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to import collections."));
            Assert.That(response.Object["data"]!["collections"]!["message"]!.GetValue<string>(), Does.StartWith("Failed to import the collections configuration. Raw error: ").And.Contain(view));
            Assert.That((await ListAsync(view)).Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task DeletingAFieldNoViewReads_IsAllowed()
    {
        var (source, view, _) = await SourceAndViewAsync();

        var response = await PatchFieldsAsync(source, fields => fields.Where(f => NameOf(f) != "extra"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That((await ListAsync(view)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RenamingAFieldTheViewReads_KeepsTheViewReadable()
    {
        var (source, view, id) = await SourceAndViewAsync();

        var response = await PatchFieldsAsync(source, fields => fields.Select(f => NameOf(f) == "n" ? With(f, "name", "count") : f));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var list = await ListAsync(view);
        var one = await Api.GetAsync($"/api/collections/{view}/records/{id}", SuperuserToken);
        Assert.Multiple(() =>
        {
            Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.Text);
            Assert.That(list.Object["items"]![0]!["title"]!.GetValue<string>(), Is.EqualTo("a"));
            Assert.That(one.Status, Is.EqualTo(HttpStatusCode.OK), one.Text);
        });
    }

    [Test]
    public async Task SwappingTwoFieldNames_KeepsEachColumnsData_AndTheViewFollowsItsColumn()
    {
        var (source, view, id) = await SourceAndViewAsync();

        var response = await PatchFieldsAsync(source, fields => fields.Select(f => NameOf(f) switch
        {
            "title" => With(f, "name", "extra"),
            "extra" => With(f, "name", "title"),
            _ => f,
        }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var record = (await Api.GetAsync($"/api/collections/{source}/records/{id}", SuperuserToken)).Object;
        Assert.Multiple(() =>
        {
            Assert.That(record["extra"]!.GetValue<string>(), Is.EqualTo("a"));
            Assert.That(record["title"]!.GetValue<string>(), Is.EqualTo("x"));
            // SQLite rewrote the view to read the same column under its new name, not the other
            // column that took the old name.
            Assert.That(ViewSql(view), Does.Contain("extra"));
        });
    }

    [Test]
    public async Task RenamingAFieldToTheNameOfOneRemovedInTheSameSave_KeepsTheViewReadable()
    {
        var (source, view, _) = await SourceAndViewAsync();

        var response = await PatchFieldsAsync(source, fields => fields
            .Where(f => NameOf(f) != "extra")
            .Select(f => NameOf(f) == "title" ? With(f, "name", "extra") : f));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That((await ListAsync(view)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ACaseOnlyRename_ThenRenamingASourceAViewReads_BothSucceed()
    {
        var lone = $"vd_case{++_n}";
        await CreateAsync(Api, SuperuserToken, Public(lone, Field("title", "text")));
        var (source, view, _) = await SourceAndViewAsync();

        var caseOnly = await Api.PatchAsync($"/api/collections/{lone}", new JsonObject { ["name"] = lone.ToUpperInvariant() }, SuperuserToken);
        var renamed = await Api.PatchAsync($"/api/collections/{source}", new JsonObject { ["name"] = source + "_renamed" }, SuperuserToken);

        Assert.Multiple(async () =>
        {
            Assert.That(caseOnly.Status, Is.EqualTo(HttpStatusCode.OK), caseOnly.Text);
            Assert.That(caseOnly.Object["name"]!.GetValue<string>(), Is.EqualTo(lone.ToUpperInvariant()));
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Text);
            Assert.That((await ListAsync(view)).Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    /// <summary>The SQL SQLite keeps for a view, read beside the server.</summary>
    private string ViewSql(string view)
    {
        using var db = Server.OpenDatabase();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = $name";
        cmd.Parameters.AddWithValue("$name", view);
        return cmd.ExecuteScalar() as string ?? "";
    }

    [Test]
    public async Task RenamingTheCollectionAndAddingAFieldAtOnce_KeepsTheViewReadable()
    {
        var (source, view, _) = await SourceAndViewAsync();
        var fields = (await Api.GetAsync($"/api/collections/{source}", SuperuserToken)).Object["fields"]!.DeepClone().AsArray();
        fields.Add(Field("added", "text"));

        var response = await Api.PatchAsync($"/api/collections/{source}", new JsonObject { ["name"] = source + "_renamed", ["fields"] = fields }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var list = await ListAsync(view);
        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.Text);
        Assert.That(list.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task DeletingACollectionAViewReads_IsRefused()
    {
        var (source, view, _) = await SourceAndViewAsync();

        var response = await Api.DeleteAsync($"/api/collections/{source}", SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.Multiple(async () =>
        {
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to delete collection."));
            Assert.That((await ListAsync(view)).Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Api.GetAsync($"/api/collections/{source}/records", SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ASourceFieldsNewOptions_ReachTheViewsField()
    {
        var (source, view, _) = await SourceAndViewAsync();

        var response = await PatchFieldsAsync(source, fields => fields.Select(f => NameOf(f) == "title" ? With(f, "max", 50) : f));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var title = (await Api.GetAsync($"/api/collections/{view}", SuperuserToken)).Object["fields"]!.AsArray().Single(f => NameOf(f) == "title")!;
        Assert.That(title["max"]!.GetValue<int>(), Is.EqualTo(50));
    }
}
