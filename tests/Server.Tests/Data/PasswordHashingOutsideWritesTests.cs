using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>
/// bcrypt runs before the single writer's transaction (docs/benchmarks.md, "Where we miss"):
/// counted structurally, by where each hash ran, never by timing.
/// </summary>
[CancelAfter(60_000)]
public sealed class PasswordHashingOutsideWritesTests
{
    private string _dir = "";
    private Database _data = null!;
    private Database _aux = null!;
    private CollectionStore _collections = null!;
    private RecordStore _store = null!;
    private RecordService _records = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _dir = Path.Combine(Path.GetTempPath(), "pbs-hash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _data = new Database(Path.Combine(_dir, "data.db"));
        _aux = new Database(Path.Combine(_dir, "auxiliary.db"));
        await SystemMigrations.RunAsync(_data, _aux);
        _collections = new CollectionStore(_data);
        await _collections.ReloadAsync();
        _store = new RecordStore(_data, _collections, new InProcessRecordChangePublisher([]));
        var rules = new RecordRules(_collections);
        _records = new RecordService(_collections, _store, rules, new RecordExpander(_collections, rules));
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _data.DisposeAsync();
        await _aux.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static RecordRequest Request(string method, string? id, JsonObject body, RequestAuthState? auth = null) =>
        new(null, auth ?? RequestAuthState.Guest, method, "users", id, body, new Dictionary<string, string>());

    private async Task<string> StoredHashAsync(string id) =>
        (await _store.FindByIdAsync(_collections.Find("users")!, id))!.GetString("password");

    [Test]
    public async Task Create_HashesThePasswordBeforeTheWriteTransaction()
    {
        using var hashes = Passwords.CountHashes();

        var created = await RecordEndpoints.CreateAsync(
            Request("POST", null, new JsonObject { ["email"] = "a@example.com", ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" }),
            _records, _store);

        var stored = await StoredHashAsync(created["id"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(hashes.Total, Is.EqualTo(1));
            Assert.That(hashes.InsideWrites, Is.Zero);
            Assert.That(Passwords.Verify("1234567890", stored), Is.True);
        });
    }

    [Test]
    public async Task Update_HashesTheNewPasswordBeforeTheWriteTransaction()
    {
        var created = await RecordEndpoints.CreateAsync(
            Request("POST", null, new JsonObject { ["email"] = "b@example.com", ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" }),
            _records, _store);
        var id = created["id"]!.GetValue<string>();
        var superuser = new RequestAuthState(new Record(_collections.Find("_superusers")!, new Dictionary<string, object?> { ["id"] = "su0000000000001" }), "t");
        using var hashes = Passwords.CountHashes();

        await RecordEndpoints.UpdateAsync(
            Request("PATCH", id, new JsonObject { ["password"] = "abcdefghij", ["passwordConfirm"] = "abcdefghij" }, superuser),
            _records, _store);

        var stored = await StoredHashAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(hashes.Total, Is.EqualTo(1));
            Assert.That(hashes.InsideWrites, Is.Zero);
            Assert.That(Passwords.Verify("abcdefghij", stored), Is.True);
        });
    }

    [Test]
    public void Create_WithAMismatchedConfirm_StillAnswersTheFormErrors_WithoutHashing()
    {
        using var hashes = Passwords.CountHashes();

        var ex = Assert.ThrowsAsync<PocketBaseSharp.Server.Api.ApiException>(() => RecordEndpoints.CreateAsync(
            Request("POST", null, new JsonObject { ["email"] = "c@example.com", ["password"] = "1234567890", ["passwordConfirm"] = "0987654321" }),
            _records, _store));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Status, Is.EqualTo(400));
            Assert.That(ex.ErrorData.ToJsonString(), Does.Contain("validation_values_mismatch"));
            Assert.That(hashes.Total, Is.Zero);
        });
    }

    [Test]
    public async Task Counter_SeesAHashMadeInsideAWrite()
    {
        using var hashes = Passwords.CountHashes();

        await _data.WriteAsync((_, _) => Task.FromResult(Passwords.Hash("x", 4)));

        Assert.That(hashes.InsideWrites, Is.EqualTo(1));
    }
}
