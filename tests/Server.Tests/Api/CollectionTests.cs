using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

[CancelAfter(120_000)]
public sealed class CollectionTests : ServerTestBase
{
    [Test]
    public async Task DefaultCollections_ExistWithUpstreamIds()
    {
        var list = await Api.GetAsync("/api/collections?perPage=1000", SuperuserToken);
        var ids = list.Object["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.That(ids, Is.SupersetOf(new[] { "pbc_3142635823", "_pb_users_auth_", "pbc_2279338944", "pbc_1638494021", "pbc_2281828961", "pbc_4275539003" }));

        var users = await Api.GetAsync("/api/collections/users", SuperuserToken);
        Assert.Multiple(() =>
        {
            Assert.That(users.Object["fields"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("text3208210256"));
            Assert.That(users.Object["authToken"]!["duration"]!.GetValue<int>(), Is.EqualTo(432000));
            Assert.That(users.Text, Does.Not.Contain("secret"));
            Assert.That(users.Object["indexes"]![1]!.GetValue<string>(), Is.EqualTo("CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email`) WHERE `email` != ''"));
        });
    }

    public static IEnumerable<ApiScenario> GuardScenarios()
    {
        yield return new ApiScenario("list as guest", "GET", "/api/collections", HttpStatusCode.Unauthorized) { Expected = ["The request requires valid record authorization token."] };
        yield return new ApiScenario("view unknown", "GET", "/api/collections/missing", HttpStatusCode.NotFound) { Caller = "superuser", Expected = ["The requested resource wasn't found."] };
        yield return new ApiScenario("create invalid json", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", RawBody = "{nope", Expected = ["Failed to load the collection type data due to invalid formatting."] };
        yield return new ApiScenario("create unknown field type", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new JsonObject { ["name"] = "x1", ["fields"] = new JsonArray(new JsonObject { ["name"] = "a", ["type"] = "nope" }) }, Expected = ["Failed to load the submitted data due to invalid formatting."] };
        yield return new ApiScenario("create bad name", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new { name = "bad name" }, Expected = ["validation_match_invalid"] };
        yield return new ApiScenario("create existing name", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new { name = "USERS" }, Expected = ["validation_collection_name_exists"] };
        yield return new ApiScenario("delete system", "DELETE", "/api/collections/_superusers", HttpStatusCode.BadRequest) { Caller = "superuser" };
        yield return new ApiScenario("list filter and sort", "GET", "/api/collections?filter=(name~'_otp'||name='users')&sort=-name", HttpStatusCode.OK) { Caller = "superuser", Expected = ["\"totalItems\":2", "\"name\":\"users\""], NotExpected = ["_mfas"] };
        yield return new ApiScenario("list filter system", "GET", "/api/collections?filter=system=false&perPage=1&skipTotal=1&fields=name,system", HttpStatusCode.OK) { Caller = "superuser", Expected = ["\"totalItems\":-1", "\"system\":false"], NotExpected = ["\"system\":true"] };
        yield return new ApiScenario("list bad filter", "GET", "/api/collections?filter=nope=1", HttpStatusCode.BadRequest) { Caller = "superuser" };
        yield return new ApiScenario("field option of the wrong type", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new JsonObject { ["name"] = "x2", ["fields"] = new JsonArray(new JsonObject { ["name"] = "t", ["type"] = "text", ["min"] = "abc" }) }, Expected = ["Failed to load the submitted data due to invalid formatting."] };
        yield return new ApiScenario("invalid text pattern", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new JsonObject { ["name"] = "x3", ["fields"] = new JsonArray(new JsonObject { ["name"] = "t", ["type"] = "text", ["pattern"] = "((" }) }, Expected = ["validation_invalid_regex"] };
        yield return new ApiScenario("auth option not an object", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new JsonObject { ["name"] = "x4", ["type"] = "auth", ["passwordAuth"] = 5 }, Expected = ["Failed to load the submitted data due to invalid formatting."] };
        yield return new ApiScenario("token duration out of range", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new JsonObject { ["name"] = "x5", ["type"] = "auth", ["authToken"] = new JsonObject { ["duration"] = 1 } }, Expected = ["\"authToken\":{\"duration\""] };
        yield return new ApiScenario("invalid rule", "POST", "/api/collections", HttpStatusCode.BadRequest) { Caller = "superuser", Body = new JsonObject { ["name"] = "x6", ["listRule"] = "((" }, Expected = ["validation_invalid_rule", "Invalid rule. Raw error:"] };
        yield return new ApiScenario("oauth2 providers", "GET", "/api/collections/meta/oauth2-providers", HttpStatusCode.OK) { Caller = "superuser", Expected = ["{\"name\":\"google\",\"displayName\":\"Google\",\"logo\":\"\"}", "\"name\":\"oidc\""] };
        yield return new ApiScenario("oauth2 providers are superuser only", "GET", "/api/collections/meta/oauth2-providers", HttpStatusCode.Unauthorized);
        yield return new ApiScenario("scaffolds", "GET", "/api/collections/meta/scaffolds", HttpStatusCode.OK) { Caller = "superuser", Expected = ["\"auth\":", "\"base\":", "\"view\":"] };
    }

    [TestCaseSource(nameof(GuardScenarios))]
    public async Task Scenario(ApiScenario scenario) =>
        await ScenarioRunner.RunAsync(Api, scenario, caller => caller == "superuser" ? SuperuserToken : null);

    [Test]
    public async Task SchemaChanges_RenameAddDropRetypeAndRenameCollection_KeepData()
    {
        var created = await CreateAsync(Api, SuperuserToken, Public("evolve",
            Field("title", "text"),
            Field("gone", "text"),
            Field("tags", "select", new JsonObject { ["values"] = new JsonArray("a", "b"), ["maxSelect"] = 1 })));
        var record = await Api.PostAsync("/api/collections/evolve/records", new { title = "keep me", gone = "bye", tags = "b" });
        var id = record.Object["id"]!.GetValue<string>();

        var fields = created["fields"]!.AsArray().Select(f => f!.DeepClone().AsObject()).Where(f => f["name"]!.GetValue<string>() != "gone").ToList();
        fields.Single(f => f["name"]!.GetValue<string>() == "title")["name"] = "headline";
        fields.Single(f => f["name"]!.GetValue<string>() == "tags")["maxSelect"] = 2;
        fields.Add(Field("added", "number"));
        var patch = await Api.PatchAsync("/api/collections/evolve", new JsonObject { ["name"] = "evolved", ["fields"] = new JsonArray([.. fields]) }, SuperuserToken);
        Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.OK), patch.Text);

        var after = await Api.GetAsync($"/api/collections/evolved/records/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
            Assert.That(after.Object["headline"]!.GetValue<string>(), Is.EqualTo("keep me"));
            Assert.That(after.Object["tags"]!.ToJsonString(), Is.EqualTo("[\"b\"]"));
            Assert.That(after.Object["added"]!.GetValue<double>(), Is.EqualTo(0));
            Assert.That(after.Object.ContainsKey("gone"), Is.False);
        });

        var old = await Api.GetAsync("/api/collections/evolve/records");
        Assert.That(old.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task FieldTypeChange_IsRejected()
    {
        var created = await CreateAsync(Api, SuperuserToken, Public("retype", Field("n", "text")));
        var fields = created["fields"]!.DeepClone().AsArray();
        fields[1]!["type"] = "number";
        var patch = await Api.PatchAsync("/api/collections/retype", new JsonObject { ["fields"] = fields }, SuperuserToken);
        Assert.Multiple(() =>
        {
            Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(patch.Text, Does.Contain("validation_field_type_change"));
        });
    }

    [Test]
    public async Task ViewCollection_ListsRowsOfItsQuery()
    {
        await CreateAsync(Api, SuperuserToken, Public("viewsource", Field("title", "text")));
        await Api.PostAsync("/api/collections/viewsource/records", new { title = "seen" });
        var view = await Api.PostAsync("/api/collections", new JsonObject
        {
            ["name"] = "myview", ["type"] = "view", ["listRule"] = "", ["viewRule"] = "",
            ["viewQuery"] = "SELECT id, title FROM viewsource",
        }, SuperuserToken);
        Assert.That(view.Status, Is.EqualTo(HttpStatusCode.OK), view.Text);
        var list = await Api.GetAsync("/api/collections/myview/records");
        Assert.That(list.Object["items"]![0]!["title"]!.GetValue<string>(), Is.EqualTo("seen"));

        var bad = await Api.PostAsync("/api/collections", new JsonObject { ["name"] = "badview", ["type"] = "view", ["viewQuery"] = "DELETE FROM viewsource" }, SuperuserToken);
        Assert.That(bad.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        var create = await Api.PostAsync("/api/collections/myview/records", new { title = "x" });
        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Truncate_Import_Delete()
    {
        await CreateAsync(Api, SuperuserToken, Public("trunc", Field("title", "text")));
        await Api.PostAsync("/api/collections/trunc/records", new { title = "a" });
        var truncate = await Api.DeleteAsync("/api/collections/trunc/truncate", SuperuserToken);
        Assert.That(truncate.Status, Is.EqualTo(HttpStatusCode.NoContent), truncate.Text);
        var list = await Api.GetAsync("/api/collections/trunc/records");
        Assert.That(list.Object["totalItems"]!.GetValue<int>(), Is.Zero);

        var import = await Api.SendAsync(HttpMethod.Put, "/api/collections/import", new JsonObject
        {
            ["collections"] = new JsonArray(Public("imported", Field("title", "text"))),
        }, SuperuserToken);
        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.NoContent), import.Text);
        Assert.That((await Api.GetAsync("/api/collections/imported", SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.OK));

        var delete = await Api.DeleteAsync("/api/collections/imported", SuperuserToken);
        Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Api.GetAsync("/api/collections/imported", SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
