using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Sql;

/// <summary><c>POST /api/sql</c> (http-api.md §13) against a real server process.</summary>
[CancelAfter(60_000)]
public sealed class SqlConsoleTests : ServerTestBase
{
    private Task<ApiClient.Response> RunAsync(object body, string? token = null) => Api.PostAsync("/api/sql", body, token ?? SuperuserToken);

    [Test]
    public async Task Guest_401_User_403()
    {
        var guest = await Api.PostAsync("/api/sql", new { query = "SELECT 1" });
        await Api.PostAsync("/api/collections/users/records", new { email = "sql@example.com", password = "1234567890", passwordConfirm = "1234567890" }, SuperuserToken);
        var user = await Api.LoginAsync("users", "sql@example.com", "1234567890");
        var asUser = await Api.PostAsync("/api/sql", new { query = "SELECT 1" }, user);
        Assert.Multiple(() =>
        {
            Assert.That(guest.Status, Is.EqualTo(HttpStatusCode.Unauthorized), guest.Text);
            Assert.That(asUser.Status, Is.EqualTo(HttpStatusCode.Forbidden), asUser.Text);
        });
    }

    [Test]
    public async Task Select_ColumnsFromSchema_CellsAsText()
    {
        var response = await RunAsync(new { query = "SELECT id, email, verified FROM _superusers" });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var columns = response.Object["columns"]!.AsArray();
        var rows = response.Object["rows"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(columns[0], JsonNode.Parse("""{"name":"id","type":"TEXT","nullable":false}""")), Is.True, columns.ToJsonString());
            Assert.That(columns[2]!["type"]!.GetValue<string>(), Is.EqualTo("BOOLEAN"));
            Assert.That(rows, Has.Count.EqualTo(1));
            Assert.That(rows[0]![1]!.GetValue<string>(), Is.EqualTo("admin@example.com"));
            Assert.That(rows[0]![2]!.GetValue<string>(), Is.EqualTo("1"));
            Assert.That(response.Object["affectedRows"]!.GetValue<long>(), Is.Zero);
            Assert.That(response.Object["execTime"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public async Task Select_Expressions_TypesAsGoPrintsThem()
    {
        var response = await RunAsync(new { query = "  SELECT 7 AS n, 1.5 AS f, 1e21 AS big, NULL AS nul, x'4142' AS b" });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(response.Object["rows"], JsonNode.Parse("""[["7","1.5","1e+21",null,"AB"]]""")), Is.True, response.Text);
            Assert.That(response.Object["columns"]![0]!.ToJsonString(), Is.EqualTo("""{"name":"n","type":"","nullable":true}"""));
        });
    }

    [Test]
    public async Task Select_ReturnsAtMost1000Rows()
    {
        var response = await RunAsync(new { query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) SELECT x FROM c" });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(response.Object["rows"]!.AsArray(), Has.Count.EqualTo(1000));
    }

    [Test]
    public async Task Write_CountsAffectedRows_AndFailedWriteRollsBack()
    {
        var create = await RunAsync(new { query = "CREATE TABLE console_t (x INTEGER)" });
        var insert = await RunAsync(new { query = "insert into console_t VALUES (1), (2)" });
        var failed = await RunAsync(new { query = "INSERT INTO console_t VALUES (3); INSERT INTO no_such_table VALUES (4)" });
        var count = await RunAsync(new { query = "SELECT count(*) AS c FROM console_t" });
        Assert.Multiple(() =>
        {
            Assert.That(create.Status, Is.EqualTo(HttpStatusCode.OK), create.Text);
            Assert.That(create.Object["columns"]!.AsArray(), Is.Empty);
            Assert.That(create.Object["rows"]!.AsArray(), Is.Empty);
            Assert.That(insert.Object["affectedRows"]!.GetValue<long>(), Is.EqualTo(2), insert.Text);
            Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.BadRequest), failed.Text);
            Assert.That(failed.Object["message"]!.GetValue<string>(), Does.StartWith("Failed to execute query. Raw error:\n").And.Contain("no_such_table"));
            Assert.That(count.Object["rows"]!.ToJsonString(), Is.EqualTo("""[["2"]]"""));
        });
    }

    [Test]
    public async Task SyntaxError_Is400_Not500()
    {
        var response = await RunAsync(new { query = "SELECT * FROM _superusers WHERE" });
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
            Assert.That(response.Object["message"]!.GetValue<string>(), Does.StartWith("Failed to execute query. Raw error:\n"));
            Assert.That(response.Object["data"]!.AsObject(), Is.Empty);
        });
    }

    [Test]
    public async Task Validation_RequiredAndLength()
    {
        var blank = await RunAsync(new { query = "" });
        var tooLong = await RunAsync(new { query = "SELECT 1 " + new string(' ', 5000) });
        var notText = await RunAsync(new { query = 5 });
        Assert.Multiple(() =>
        {
            Assert.That(blank.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(blank.Object["message"]!.GetValue<string>(), Is.EqualTo("An error occurred while validating the submitted data."));
            Assert.That(blank.Object["data"]!["query"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"));
            Assert.That(tooLong.Object["data"]!["query"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_too_long"), tooLong.Text);
            Assert.That(notText.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(notText.Object["message"]!.GetValue<string>(), Is.EqualTo("An error occurred while loading the submitted data."));
        });
    }
}
