using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>Reader connections keep their prepared commands; reuse never mixes parameters or nested queries.</summary>
[CancelAfter(60_000)]
public sealed class ReaderCommandCacheTests
{
    private string _dir = "";
    private Database _db = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _dir = Path.Combine(Path.GetTempPath(), "pbs-prep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _db = new Database(Path.Combine(_dir, "data.db"));
        await _db.WriteAsync(async (c, tx) =>
        {
            Database.Exec(c, "CREATE TABLE t (id TEXT PRIMARY KEY, v INTEGER); INSERT INTO t VALUES ('a', 1), ('b', 2);", tx);
            return await Task.FromResult(0);
        });
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static Task<object?> ValueOf(SqliteConnection c, string id) =>
        RecordStore.ScalarAsync(c, null, "SELECT v FROM t WHERE id = @id", new Dictionary<string, object?> { ["id"] = id });

    [Test]
    public async Task SameSqlOnAReader_ReusesThePreparedCommand_WithNewParameters()
    {
        var (first, second, a, b) = await _db.ReadAsync(async c =>
        {
            var cmd1 = Database.RentCommand(c, null, "SELECT 1");
            Database.ReturnCommand(c, cmd1);
            var cmd2 = Database.RentCommand(c, null, "SELECT 1");
            Database.ReturnCommand(c, cmd2);
            return (cmd1, cmd2, await ValueOf(c, "a"), await ValueOf(c, "b"));
        });

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(a, Is.EqualTo(1L));
            Assert.That(b, Is.EqualTo(2L));
        });
    }

    [Test]
    public async Task ACommandInUse_IsNotHandedOutTwice()
    {
        var (outer, inner) = await _db.ReadAsync(c =>
        {
            var o = Database.RentCommand(c, null, "SELECT 1");
            var i = Database.RentCommand(c, null, "SELECT 1");
            Database.ReturnCommand(c, i);
            Database.ReturnCommand(c, o);
            return Task.FromResult((o, i));
        });

        Assert.That(inner, Is.Not.SameAs(outer));
    }

    [Test]
    public async Task AFailedQuery_DoesNotPoisonTheNextOne()
    {
        Assert.ThrowsAsync<SqliteException>(() => _db.ReadAsync(c => RecordStore.ScalarAsync(c, null, "SELECT v FROM missing", new Dictionary<string, object?>())));

        Assert.That(await _db.ReadAsync(c => ValueOf(c, "b")), Is.EqualTo(2L));
    }

    [Test]
    public async Task WriterCommands_AreNeverCached()
    {
        var (first, second) = await _db.WriteAsync((c, tx) =>
        {
            var cmd1 = Database.RentCommand(c, tx, "SELECT 1");
            Database.ReturnCommand(c, cmd1);
            var cmd2 = Database.RentCommand(c, tx, "SELECT 1");
            Database.ReturnCommand(c, cmd2);
            return Task.FromResult((cmd1, cmd2));
        });

        Assert.That(second, Is.Not.SameAs(first));
    }
}
