using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>
/// Serves a copy of a pb_data made by upstream PocketBase and compares what the API shows with
/// the rows of its data.db.
/// </summary>
[CancelAfter(180_000)]
[NonParallelizable]
public sealed class UpstreamFixtureTests
{
    private string _source = "";
    private string _fixtureHash = "";
    private ServerProcess _server = null!;
    private ApiClient _api = null!;
    private string _token = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _source = SharedFixture.TestDataDir() ?? "";
        if (_source.Length == 0)
        {
            Assert.Ignore("../shared/fixtures/pocketbase-testdata is not present next to the repository; the upstream fixture test needs it.");
        }

        _fixtureHash = Hash(Path.Combine(_source, "data.db"));
        _server = await ServerProcess.StartAsync(SharedFixture.CopyToTemp(_source, withStorage: true), superuserEmail: null);
        _api = new ApiClient(_server.BaseUri);
        _token = await _api.LoginAsync("_superusers", "test@example.com", "1234567890");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_source.Length == 0)
        {
            return;
        }

        _api.Dispose();
        await _server.DisposeAsync();
        Assert.That(Hash(Path.Combine(_source, "data.db")), Is.EqualTo(_fixtureHash), "the fixture itself must stay untouched");
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private List<Dictionary<string, object?>> Rows(string table)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_server.DataDir, "data.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT * FROM `{table}`";
        using var reader = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    [TestCase("users")]
    [TestCase("demo1")]
    [TestCase("demo2")]
    [TestCase("demo3")]
    [TestCase("demo4")]
    [TestCase("demo5")]
    [TestCase("clients")]
    [TestCase("nologin")]
    [TestCase("view1")]
    [TestCase("view2")]
    [TestCase("numeric_id_view")]
    public async Task List_ShowsEveryRowWithItsId(string collection)
    {
        var response = await _api.GetAsync($"/api/collections/{collection}/records?perPage=1000", _token);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var apiIds = response.Object["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order().ToList();
        var dbIds = Rows(collection).Select(r => Convert.ToString(r["id"], System.Globalization.CultureInfo.InvariantCulture)!).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(apiIds, Is.EqualTo(dbIds));
            Assert.That(response.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(dbIds.Count));
        });
    }

    [Test]
    public async Task Demo1_ValuesMatchColumnsByFieldType()
    {
        foreach (var row in Rows("demo1"))
        {
            var id = (string)row["id"]!;
            var record = (await _api.GetAsync($"/api/collections/demo1/records/{id}", _token)).Object;
            Assert.Multiple(() =>
            {
                Assert.That(record["text"]!.GetValue<string>(), Is.EqualTo(row["text"] ?? ""));
                Assert.That(record["number"]!.GetValue<double>(), Is.EqualTo(Convert.ToDouble(row["number"] ?? 0, System.Globalization.CultureInfo.InvariantCulture)));
                Assert.That(record["bool"]!.GetValue<bool>(), Is.EqualTo(Convert.ToInt64(row["bool"] ?? 0L, System.Globalization.CultureInfo.InvariantCulture) != 0));
                Assert.That(record["created"]!.GetValue<string>(), Is.EqualTo(row["created"]));
                Assert.That(record["select_many"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse((string)row["select_many"]!)!.ToJsonString()));
                Assert.That(record["rel_many"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse((string)row["rel_many"]!)!.ToJsonString()));
                var json = row["json"] is string text ? JsonNode.Parse(text)?.ToJsonString() ?? "null" : "null";
                Assert.That(record["json"]?.ToJsonString() ?? "null", Is.EqualTo(json));
            });
        }
    }

    [Test]
    public async Task FixtureUsers_SignInWithUpstreamBcryptHashes_AndRulesWithCommentsApply()
    {
        // The fixture's users collection requires MFA (password + OTP); the auth tests cover that
        // flow, so a superuser impersonation gives this rule test its users token.
        var userId = Rows("users").First(r => (string?)r["email"] == "test@example.com")["id"];
        var user = (await _api.PostAsync($"/api/collections/users/impersonate/{userId}", new { }, _token)).Object["token"]!.GetValue<string>();
        var demo3 = await _api.GetAsync("/api/collections/demo3/records", user);
        var asClient = await _api.LoginAsync("clients", "test@example.com", "1234567890");
        var demo3Client = await _api.GetAsync("/api/collections/demo3/records", asClient);
        Assert.Multiple(() =>
        {
            Assert.That(demo3.Status, Is.EqualTo(HttpStatusCode.OK), demo3.Text);
            Assert.That(demo3.Object["totalItems"]!.GetValue<int>(), Is.Zero, "the users collection is excluded by the rule");
            Assert.That(demo3Client.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(Rows("demo3").Count));
        });
    }

    [Test]
    public async Task Collections_KeepUpstreamDefinitions()
    {
        var response = await _api.GetAsync("/api/collections/demo3", _token);
        Assert.Multiple(() =>
        {
            Assert.That(response.Object["listRule"]!.GetValue<string>(), Does.StartWith("// example leading comment"));
            Assert.That(response.Object["id"]!.GetValue<string>(), Is.EqualTo("wzlqyes4orhoygb"));
        });
        var view = await _api.GetAsync("/api/collections/view1", _token);
        Assert.That(view.Object["viewQuery"]!.GetValue<string>(), Does.Contain("from demo1"));
    }

    [TestCase("view1")]
    [TestCase("view2")]
    [TestCase("numeric_id_view")]
    public async Task ViewFields_ReinferredFromTheQuery_MatchUpstreams(string view)
    {
        var row = Rows("_collections").Single(r => (string?)r["name"] == view);
        var stored = JsonNode.Parse((string)row["fields"]!)!.AsArray();
        var query = JsonNode.Parse((string)row["options"]!)!["viewQuery"]!.GetValue<string>();

        var response = await _api.PostAsync("/api/collections/meta/dry-run-view", new JsonObject { ["query"] = query }, _token);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var inferred = response.Object["fields"]!.AsArray();
        Assert.That(inferred.Select(f => f!["name"]!.GetValue<string>()), Is.EqualTo(stored.Select(f => f!["name"]!.GetValue<string>())));
        Assert.Multiple(() =>
        {
            foreach (var (upstream, ours) in stored.Zip(inferred))
            {
                foreach (var (key, value) in upstream!.AsObject())
                {
                    if (key == "id" && value!.GetValue<string>().StartsWith("_clone_", StringComparison.Ordinal))
                    {
                        Assert.That(ours![key]!.GetValue<string>(), Does.Match("^_clone_[A-Za-z0-9]{4}$"), $"{view}.{upstream["name"]}.id");
                        continue;
                    }

                    Assert.That(JsonNode.DeepEquals(ours![key], value), Is.True, $"{view}.{upstream["name"]}.{key}: ours {ours[key]?.ToJsonString()}, upstream {value?.ToJsonString()}");
                }
            }
        });
    }

    [TestCase("view1")]
    [TestCase("view2")]
    public async Task ViewFile_IsServedFromTheDemo1RecordHoldingIt(string view)
    {
        var demo1 = Rows("_collections").Single(r => (string?)r["name"] == "demo1");
        var record = Rows("demo1").First(r => ((string?)r["file_many"] ?? "[]") != "[]");
        var filename = JsonNode.Parse((string)record["file_many"]!)!.AsArray().Select(n => n!.GetValue<string>()).First(n => n.EndsWith(".png", StringComparison.Ordinal));
        var expected = await File.ReadAllBytesAsync(Path.Combine(_source, "storage", (string)demo1["id"]!, (string)record["id"]!, filename));

        var response = await _api.GetAsync($"/api/files/{view}/{record["id"]}/{filename}", _token);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(await response.Message.Content.ReadAsByteArrayAsync(), Is.EqualTo(expected));
    }
}
