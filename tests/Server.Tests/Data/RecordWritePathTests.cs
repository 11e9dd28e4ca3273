using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>The two-phase change seam: prepare sees the pre-write state, send runs after commit, discard after rollback.</summary>
[CancelAfter(60_000)]
public sealed class RecordWritePathTests
{
    private InProcessData _dir = null!;
    private Database _data = null!;
    private CollectionStore _collections = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _dir = await InProcessData.CreateAsync("pbs-write-");
        (_data, _collections) = (_dir.Data, _dir.Collections);
    }

    [TearDown]
    public async Task TearDownAsync() => await _dir.DisposeAsync();

    private sealed class Listener(Database db) : IRecordChangeListener, IPreparedRecordChanges
    {
        public List<string> Log { get; } = [];

        public async Task<IPreparedRecordChanges> PrepareAsync(IReadOnlyList<RecordChange> changes)
        {
            var committed = await db.ReadAsync(c => RecordStore.ScalarAsync(c, null, "SELECT COUNT(*) FROM `_mfas`", new Dictionary<string, object?>()));
            Log.Add($"prepare {string.Join(",", changes.Select(ch => ch.Action))} committedRows={committed}");
            return this;
        }

        public Task SendAsync()
        {
            Log.Add("send");
            return Task.CompletedTask;
        }

        public void Discard() => Log.Add("discard");
    }

    private Record NewMfa(string id) => new(_collections.Find("_mfas")!, new Dictionary<string, object?>
    {
        ["id"] = id, ["collectionRef"] = "c", ["recordRef"] = "r", ["method"] = "password", ["created"] = Clock.Now(), ["updated"] = Clock.Now(),
    });

    [Test]
    public async Task Commit_PrepareSeesPreWriteState_ThenSends()
    {
        var listener = new Listener(_data);
        var store = new RecordStore(_data, _collections, new InProcessRecordChangePublisher([listener]));
        await store.WriteAsync(async scope =>
        {
            await scope.InsertAsync(NewMfa("mfa000000000001"));
            return 0;
        });
        await store.WriteAsync(async scope =>
        {
            await scope.DeleteAsync((await scope.FindAsync(_collections.Find("_mfas")!, "mfa000000000001"))!);
            return 0;
        });

        Assert.That(listener.Log, Is.EqualTo(new[] { "prepare create committedRows=0", "send", "prepare delete committedRows=1", "send" }));
    }

    [Test]
    public async Task Rollback_Discards_AndSubscribersHearNothing()
    {
        var listener = new Listener(_data);
        var publisher = new InProcessRecordChangePublisher([listener]);
        var heard = 0;
        using var subscription = publisher.Subscribe(changes =>
        {
            heard += changes.Count;
            return Task.CompletedTask;
        });
        var store = new RecordStore(_data, _collections, publisher);

        Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(async scope =>
        {
            await scope.InsertAsync(NewMfa("mfa000000000002"));
            throw new InvalidOperationException("fail after the insert");
        }));

        var rows = await _data.ReadAsync(c => RecordStore.ScalarAsync(c, null, "SELECT COUNT(*) FROM `_mfas`", new Dictionary<string, object?>()));
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(0L));
            Assert.That(heard, Is.Zero);
            Assert.That(listener.Log, Does.Not.Contain("send"));
        });
    }
}
