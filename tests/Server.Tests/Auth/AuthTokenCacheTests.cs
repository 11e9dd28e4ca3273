using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Auth;

/// <summary>
/// <see cref="TokenService.AuthenticateAsync"/> reuses a token's last answer only while it provably
/// still holds. A change made behind the server's back (another connection to the file, which a
/// second process would use) is how these tests tell a cached answer from a fresh read.
/// </summary>
[CancelAfter(60_000)]
public sealed class AuthTokenCacheTests
{
    private InProcessData _dir = null!;
    private Database _data = null!;
    private CollectionStore _collections = null!;
    private RecordStore _store = null!;
    private TokenService _tokens = null!;
    private string _userId = "";
    private string _token = "";

    [SetUp]
    public async Task SetUpAsync()
    {
        _dir = await InProcessData.CreateAsync("pbs-authcache-");
        (_data, _collections) = (_dir.Data, _dir.Collections);
        _store = new RecordStore(_data, _collections, new InProcessRecordChangePublisher([]));
        // A long maximum age, so no test depends on how fast the machine runs it; the age bound
        // has a test of its own.
        _tokens = new TokenService(_collections, _store, new AuthTokenCache(TimeSpan.FromMinutes(5)));
        var rules = new RecordRules(_collections);
        var service = new RecordService(_collections, _store, rules, new RecordExpander(_collections, rules));
        var created = await RecordEndpoints.CreateAsync(
            new RecordRequest(null, RequestAuthState.Guest, "POST", "users", null, new JsonObject
            {
                ["email"] = "cache@example.com", ["password"] = "1234567890", ["passwordConfirm"] = "1234567890", ["name"] = "before",
            }, new Dictionary<string, string>()),
            service, _store);
        _userId = created["id"]!.GetValue<string>();
        _token = TokenService.CreateAuthToken((await _store.FindByIdAsync(Users, _userId))!);
    }

    [TearDown]
    public async Task TearDownAsync() => await _dir.DisposeAsync();

    private Collection Users => _collections.Find("users")!;

    /// <summary>Changes the file through a connection of its own: the server's write counter does not move.</summary>
    private void WriteBehindTheServersBack(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _data.Path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("@id", _userId);
        Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
    }

    private async Task<string?> NameAsync(string? token = null) =>
        (await _tokens.AuthenticateAsync(token ?? _token))?.GetString("name");

    [Test]
    public async Task RepeatedToken_IsAnsweredWithoutReadingTheRecord_ForAtMostMaxAge()
    {
        var maxAge = TimeSpan.FromMilliseconds(400);
        _tokens = new TokenService(_collections, _store, new AuthTokenCache(maxAge));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(await NameAsync(), Is.EqualTo("before"));
        WriteBehindTheServersBack("UPDATE users SET name = 'after' WHERE id = @id");

        var cached = await NameAsync();
        if (clock.Elapsed >= maxAge)
        {
            Assert.Inconclusive("the machine took longer than the maximum age between two calls");
        }

        await Task.Delay(maxAge + TimeSpan.FromMilliseconds(100));
        var reread = await NameAsync();

        Assert.Multiple(() =>
        {
            Assert.That(cached, Is.EqualTo("before"), "the second request reused the first one's record");
            Assert.That(reread, Is.EqualTo("after"), "an entry older than MaxAge is read again");
        });
    }

    [Test]
    public async Task AnyWriteOfTheServer_MakesTheNextRequestReadTheRecordAgain()
    {
        Assert.That(await NameAsync(), Is.EqualTo("before"));
        WriteBehindTheServersBack("UPDATE users SET name = 'after' WHERE id = @id");

        // A write to another table: nothing of the user changes through it, but the counter moves.
        await _data.WriteAsync((db, tx) =>
        {
            Database.Exec(db, "UPDATE _params SET updated = updated", tx);
            return Task.FromResult(0);
        });

        Assert.That(await NameAsync(), Is.EqualTo("after"));
    }

    [Test]
    public async Task RotatedTokenKey_EndsTheTokenAtTheNextRequest()
    {
        Assert.That(await NameAsync(), Is.EqualTo("before"));

        await _data.WriteAsync((db, tx) =>
        {
            using var cmd = RecordStore.Command(db, tx, "UPDATE users SET tokenKey = 'rotated' WHERE id = @id", new Dictionary<string, object?> { ["id"] = _userId });
            return cmd.ExecuteNonQueryAsync();
        });

        Assert.That(await _tokens.AuthenticateAsync(_token), Is.Null);
    }

    [Test]
    public async Task ReloadedCollection_VerifiesTheTokenAgainstItsNewSecret()
    {
        Assert.That(await NameAsync(), Is.EqualTo("before"));
        using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _data.Path, Pooling = false }.ToString()))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "UPDATE _collections SET options = json_set(options, '$.authToken.secret', 'a-new-secret-of-thirty-characters') WHERE name = 'users'";
            Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
        }

        await _collections.ReloadAsync();

        Assert.That(await _tokens.AuthenticateAsync(_token), Is.Null);
    }

    [Test]
    public void DefaultMaxAge_IsOneSecond() =>
        Assert.That(AuthTokenCache.DefaultMaxAge, Is.EqualTo(TimeSpan.FromSeconds(1)));

    [Test]
    public async Task ExpiredToken_IsRefusedEvenWhenCached()
    {
        var users = Users;
        var record = (await _store.FindByIdAsync(users, _userId))!;
        var (secret, _) = users.TokenOptions("authToken");
        var claims = new JsonObject
        {
            ["collectionId"] = users.Id, ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1, ["id"] = _userId, ["refreshable"] = true, ["type"] = "auth",
        };
        var shortLived = Jwt.Sign(claims, record.GetString("tokenKey") + secret);
        Assert.That(await NameAsync(shortLived), Is.EqualTo("before"));

        // Asked every 100 ms until two seconds past exp. The entry is younger than its maximum age
        // throughout, so only the cache's own expiry check can refuse the token once exp is past.
        var exp = claims["exp"]!.GetValue<long>();
        var answersAfterExpiry = new List<string?>();
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= exp + 2)
        {
            var expired = DateTimeOffset.UtcNow.ToUnixTimeSeconds() > exp;
            var name = await NameAsync(shortLived);
            if (expired)
            {
                answersAfterExpiry.Add(name);
            }

            await Task.Delay(100);
        }

        Assert.That(answersAfterExpiry, Is.Not.Empty.And.All.Null);
    }

    [Test]
    public async Task CachedRecord_IsACopy_ChangesByOneRequestDoNotReachTheNext()
    {
        var first = (await _tokens.AuthenticateAsync(_token))!;
        first.Values["name"] = "changed by a handler";
        first.Values.Remove("email");

        var second = (await _tokens.AuthenticateAsync(_token))!;
        second.Values["name"] = "changed again";
        var third = (await _tokens.AuthenticateAsync(_token))!;

        Assert.Multiple(() =>
        {
            Assert.That(second.GetString("name"), Is.EqualTo("changed again"));
            Assert.That(third.GetString("name"), Is.EqualTo("before"));
            Assert.That(third.GetString("email"), Is.EqualTo("cache@example.com"));
        });
    }

    [Test]
    public async Task TamperedCopyOfACachedToken_IsRefused()
    {
        Assert.That(await _tokens.AuthenticateAsync(_token), Is.Not.Null);
        var tampered = _token[..^2] + (_token[^2..] == "AA" ? "BB" : "AA");

        Assert.Multiple(async () =>
        {
            Assert.That(await _tokens.AuthenticateAsync(tampered), Is.Null, "same claims, another signature");
            Assert.That(await _tokens.AuthenticateAsync(_token), Is.Not.Null);
        });
    }

    [Test]
    public async Task ALargeRecord_IsNotKept()
    {
        var large = new string('x', AuthTokenCache.MaxRecordSize);
        await _data.WriteAsync((db, tx) =>
        {
            using var cmd = RecordStore.Command(db, tx, "UPDATE users SET name = @name WHERE id = @id", new Dictionary<string, object?> { ["id"] = _userId, ["name"] = large });
            return cmd.ExecuteNonQueryAsync();
        });
        Assert.That(await NameAsync(), Is.EqualTo(large));

        WriteBehindTheServersBack("UPDATE users SET name = 'small again' WHERE id = @id");

        Assert.That(await NameAsync(), Is.EqualTo("small again"), "read again: the large record was not kept");
    }

    [Test]
    public async Task AFullCache_DropsEntriesPastTheirAgeFirst()
    {
        var maxAge = TimeSpan.FromSeconds(1);
        var cache = new AuthTokenCache(maxAge);
        var record = (await _store.FindByIdAsync(Users, _userId))!;
        var version = _data.WriteVersion;
        for (var i = 0; i < AuthTokenCache.Capacity - 1; i++)
        {
            cache.Add("old-" + i, record, long.MaxValue, version, _collections.All);
        }

        await Task.Delay(maxAge + TimeSpan.FromMilliseconds(200));
        var young = System.Diagnostics.Stopwatch.StartNew();
        cache.Add("young", record, long.MaxValue, version, _collections.All);
        cache.Add("fresh", record, long.MaxValue, version, _collections.All);
        var youngFound = cache.Find("young", version, _collections.All) is not null;
        if (young.Elapsed >= maxAge)
        {
            Assert.Inconclusive("the machine took longer than the maximum age between two calls");
        }

        Assert.Multiple(() =>
        {
            Assert.That(youngFound, Is.True, "the full cache dropped the entries past their age, not the young one");
            Assert.That(cache.Find("fresh", version, _collections.All), Is.Not.Null);
            Assert.That(cache.Find("old-0", version, _collections.All), Is.Null);
        });
    }
}
