using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>View collections created through <c>POST /api/collections</c> get upstream's inferred fields.</summary>
public sealed class ViewInferenceTests : ServerTestBase
{
    private string _authorsId = "";

    [OneTimeSetUp]
    public async Task CreateTablesAsync()
    {
        // both tables have a "label" field, of different types
        _authorsId = (await CreateAsync(Api, SuperuserToken, Public("vi_authors", Field("label", "bool"), Field("email", "email", new JsonObject { ["required"] = true }))))["id"]!.GetValue<string>();
        await CreateAsync(Api, SuperuserToken, Public("vi_books",
            Field("label", "text", new JsonObject { ["max"] = 80 }),
            Field("pages", "number", new JsonObject { ["onlyInt"] = true }),
            Field("author", "relation", new JsonObject { ["collectionId"] = _authorsId, ["maxSelect"] = 1 })));
    }

    private async Task<JsonArray> CreateViewAsync(string name, string query)
    {
        var created = await CreateAsync(Api, SuperuserToken, new JsonObject { ["name"] = name, ["type"] = "view", ["viewQuery"] = query });
        return created["fields"]!.AsArray();
    }

    private static JsonObject Named(JsonArray fields, string name) => fields.Single(f => f!["name"]!.GetValue<string>() == name)!.AsObject();

    [Test]
    public async Task JoinWithAliases_KeepsEachSourceFieldsTypeAndOptions()
    {
        var fields = await CreateViewAsync("vi_join", "SELECT b.id, b.label AS title, a.label AS featured, b.pages, a.id AS writer FROM vi_books b LEFT JOIN vi_authors a ON a.id = b.author");

        Assert.Multiple(() =>
        {
            Assert.That(fields.Select(f => f!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "id", "title", "featured", "pages", "writer" }));
            Assert.That(Named(fields, "title")["type"]!.GetValue<string>(), Is.EqualTo("text"));
            Assert.That(Named(fields, "title")["max"]!.GetValue<int>(), Is.EqualTo(80));
            Assert.That(Named(fields, "title")["id"]!.GetValue<string>(), Does.StartWith("_clone_"));
            Assert.That(Named(fields, "featured")["type"]!.GetValue<string>(), Is.EqualTo("bool"), "same field name, other collection");
            Assert.That(Named(fields, "pages")["onlyInt"]!.GetValue<bool>(), Is.True);
            Assert.That(Named(fields, "writer")["type"]!.GetValue<string>(), Is.EqualTo("relation"));
            Assert.That(Named(fields, "writer")["collectionId"]!.GetValue<string>(), Is.EqualTo(_authorsId));
            Assert.That(Named(fields, "id")["pattern"]!.GetValue<string>(), Is.EqualTo("^[a-z0-9]+$"));
        });
    }

    [Test]
    public async Task Expressions_GetUpstreamsTypes()
    {
        var fields = await CreateViewAsync("vi_stats", "SELECT (ROW_NUMBER() OVER()) AS id, author, COUNT(*) AS books, total(pages) AS pages, CAST(max(pages) AS TEXT) AS most, max(pages) AS top FROM vi_books GROUP BY author");

        Assert.That(fields.Select(f => f!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "text", "relation", "number", "number", "text", "json" }));
    }

    [Test]
    public async Task NestedView_KeepsTheInnerViewsTypes()
    {
        await CreateViewAsync("vi_inner", "SELECT a.id, a.label AS active, a.email FROM vi_authors a");
        var fields = await CreateViewAsync("vi_outer", "SELECT vi_inner.id, vi_inner.active AS enabled, email FROM vi_inner");

        Assert.Multiple(() =>
        {
            Assert.That(Named(fields, "enabled")["type"]!.GetValue<string>(), Is.EqualTo("bool"));
            Assert.That(Named(fields, "email")["type"]!.GetValue<string>(), Is.EqualTo("email"));
            Assert.That(Named(fields, "email")["required"]!.GetValue<bool>(), Is.True);
        });
    }

    [TestCase("SELECT * FROM vi_books", "dynamic column names are not supported")]
    [TestCase("SELECT b.id, a.* FROM vi_books b JOIN vi_authors a ON a.id = b.author", "dynamic column names are not supported")]
    [TestCase("SELECT label FROM vi_books", "missing required id column (you can use `(ROW_NUMBER() OVER()) as id` if you don't have one)")]
    [TestCase("SELECT id FROM vi_missing", "no such table: vi_missing")]
    public async Task InvalidQuery_Is400OnViewQuery(string query, string reason)
    {
        var response = await Api.PostAsync("/api/collections", new JsonObject { ["name"] = "vi_bad", ["type"] = "view", ["viewQuery"] = query }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.Multiple(() =>
        {
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to create collection."));
            Assert.That(response.Object["data"]!["viewQuery"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_view_query"));
            Assert.That(response.Object["data"]!["viewQuery"]!["message"]!.GetValue<string>(), Does.StartWith("Invalid view query. Raw error: ").And.Contain(reason));
        });
    }

    [Test]
    public async Task Update_KeepsFieldIdsByName_AndAllowsClonedSystemFields()
    {
        // users.email is a system field; its clone stays system, as in upstream's numeric_id_view
        var created = await CreateViewAsync("vi_users", "SELECT id, email FROM users");
        var response = await Api.PatchAsync("/api/collections/vi_users", new JsonObject { ["viewQuery"] = "SELECT id, email, verified FROM users" }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var fields = response.Object["fields"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Named(created, "email")["system"]!.GetValue<bool>(), Is.True);
            Assert.That(Named(fields, "email")["id"]!.GetValue<string>(), Is.EqualTo(Named(created, "email")["id"]!.GetValue<string>()));
            Assert.That(Named(fields, "verified")["type"]!.GetValue<string>(), Is.EqualTo("bool"));
        });
    }

    [Test]
    public async Task PasswordColumn_IsAHiddenPasswordCloneThatIsNeverListed()
    {
        var user = await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = "vi_secret@example.com", ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" }, SuperuserToken);
        Assert.That(user.Status, Is.EqualTo(HttpStatusCode.OK), user.Text);
        var fields = await CreateViewAsync("vi_secrets", "SELECT id, password FROM users");
        var list = await Api.GetAsync("/api/collections/vi_secrets/records", SuperuserToken);

        Assert.Multiple(() =>
        {
            Assert.That(Named(fields, "password")["type"]!.GetValue<string>(), Is.EqualTo("password"));
            Assert.That(Named(fields, "password")["hidden"]!.GetValue<bool>(), Is.True);
            Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.Text);
            Assert.That(list.Object["totalItems"]!.GetValue<int>(), Is.GreaterThan(0));
            Assert.That(list.Text, Does.Not.Contain("password").And.Not.Contain("$2a$"));
        });
    }
}
