using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>
/// bcrypt runs before the single writer's transaction (docs/benchmarks.md, "Where we miss"):
/// counted structurally, by where each hash ran, never by timing.
/// </summary>
[CancelAfter(60_000)]
public sealed class PasswordHashingOutsideWritesTests
{
    private InProcessData _dir = null!;
    private Database _data = null!;
    private CollectionStore _collections = null!;
    private RecordStore _store = null!;
    private RecordService _records = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _dir = await InProcessData.CreateAsync("pbs-hash-");
        (_data, _collections) = (_dir.Data, _dir.Collections);
        _store = new RecordStore(_data, _collections, new InProcessRecordChangePublisher([]));
        var rules = new RecordRules(_collections);
        _records = new RecordService(_collections, _store, rules, new RecordExpander(_collections, rules));
    }

    [TearDown]
    public async Task TearDownAsync() => await _dir.DisposeAsync();

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

    private async Task<(string Id, RequestAuthState Owner)> OwnerAsync(string email)
    {
        var created = await RecordEndpoints.CreateAsync(
            Request("POST", null, new JsonObject { ["email"] = email, ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" }),
            _records, _store);
        var id = created["id"]!.GetValue<string>();
        return (id, new RequestAuthState(await _store.FindByIdAsync(_collections.Find("users")!, id), "t"));
    }

    [Test]
    public async Task OwnersPasswordChange_ChecksTheOldPasswordBeforeTheWriteTransaction()
    {
        var (id, owner) = await OwnerAsync("owner@example.com");
        using var hashes = Passwords.CountHashes();

        await RecordEndpoints.UpdateAsync(
            Request("PATCH", id, new JsonObject { ["oldPassword"] = "1234567890", ["password"] = "abcdefghij", ["passwordConfirm"] = "abcdefghij" }, owner),
            _records, _store);

        var stored = await StoredHashAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(hashes.Total, Is.EqualTo(2), "one check of the old password, one hash of the new");
            Assert.That(hashes.InsideWrites, Is.Zero);
            Assert.That(Passwords.Verify("abcdefghij", stored), Is.True);
        });
    }

    [TestCase("wrong-password")]
    [TestCase(null)]
    public async Task OwnersPasswordChange_WithAWrongOrMissingOldPassword_FailsAsBefore_WithoutBcryptInTheWrite(string? oldPassword)
    {
        var (id, owner) = await OwnerAsync($"owner-{oldPassword ?? "none"}@example.com");
        var body = new JsonObject { ["password"] = "abcdefghij", ["passwordConfirm"] = "abcdefghij" };
        if (oldPassword is not null)
        {
            body["oldPassword"] = oldPassword;
        }

        using var hashes = Passwords.CountHashes();
        var ex = Assert.ThrowsAsync<PocketBaseSharp.Server.Api.ApiException>(() => RecordEndpoints.UpdateAsync(Request("PATCH", id, body, owner), _records, _store));

        var stored = await StoredHashAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Status, Is.EqualTo(400));
            Assert.That(ex.ErrorData["oldPassword"]?["code"]?.GetValue<string>(), Is.EqualTo("validation_invalid_old_password"), ex.ErrorData.ToJsonString());
            Assert.That(hashes.InsideWrites, Is.Zero);
            Assert.That(Passwords.Verify("1234567890", stored), Is.True, "the password is unchanged");
        });
    }

    [Test]
    public async Task PasswordChangeOfAnotherUsersRecord_IsRefusedWithoutAnyBcrypt()
    {
        var (id, _) = await OwnerAsync("victim@example.com");
        var (_, other) = await OwnerAsync("intruder@example.com");
        using var hashes = Passwords.CountHashes();

        var ex = Assert.ThrowsAsync<PocketBaseSharp.Server.Api.ApiException>(() => RecordEndpoints.UpdateAsync(
            Request("PATCH", id, new JsonObject { ["oldPassword"] = "1234567890", ["password"] = "abcdefghij", ["passwordConfirm"] = "abcdefghij" }, other),
            _records, _store));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Status, Is.EqualTo(404), "users' updateRule is id = @request.auth.id");
            Assert.That(hashes.Total, Is.EqualTo(1), "the new password's hash only: no check of the old one before the rule refused");
        });
    }

    [Test]
    public async Task OAuth2_FirstSignInHashesItsRandomPasswordBeforeTheWrite_AReturningOneNotAtAll()
    {
        var accounts = new OAuth2Accounts(_collections, _store, new RecordRules(_collections));
        var users = _collections.Find("users")!;
        var github = new OAuth2User("gh-42", "Ada", "ada", "ada@example.com", "", "access", "", null, []);

        IReadOnlyList<int> Counts(PasswordHashCounter c) => [c.Total, c.InsideWrites];
        IReadOnlyList<int> first, again;
        (Record Record, bool IsNew) created;
        using (var hashes = Passwords.CountHashes())
        {
            created = await accounts.ResolveAsync(new Microsoft.AspNetCore.Http.DefaultHttpContext(), users, "github", github, null, null);
            first = Counts(hashes);
        }

        (Record Record, bool IsNew) returning;
        using (var hashes = Passwords.CountHashes())
        {
            returning = await accounts.ResolveAsync(new Microsoft.AspNetCore.Http.DefaultHttpContext(), users, "github", github, null, null);
            again = Counts(hashes);
        }

        var stored = await StoredHashAsync(created.Record.Id);
        Assert.Multiple(() =>
        {
            Assert.That(created.IsNew, Is.True);
            Assert.That(first, Is.EqualTo(new[] { 1, 0 }), "one hash, made before the transaction");
            Assert.That(stored, Does.StartWith("$2a$10$"));
            Assert.That(returning.IsNew, Is.False);
            Assert.That(returning.Record.Id, Is.EqualTo(created.Record.Id));
            Assert.That(again, Is.EqualTo(new[] { 0, 0 }), "a returning account is not hashed at all");
        });
    }

    [Test]
    public async Task OtpFlood_ReusesTheNewestCode_WithoutHashing()
    {
        var (id, _) = await OwnerAsync("flood@example.com");
        var user = (await _store.FindByIdAsync(_collections.Find("users")!, id))!;
        var otps = new OtpCodes(_collections, _store);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await otps.CreateAsync(user, "flood@example.com")).OtpId);
        }

        using var hashes = Passwords.CountHashes();
        var (reused, code) = await otps.CreateAsync(user, "flood@example.com");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Null, "the eleventh request reuses an existing code");
            Assert.That(ids, Does.Contain(reused));
            Assert.That(hashes.Total, Is.Zero);
        });
    }

    [Test]
    public async Task PasswordChange_WhereAManageRuleMaySpareTheCheck_IsNotPrechecked()
    {
        var users = _collections.Find("users")!;
        var (id, owner) = await OwnerAsync("managed@example.com");

        var withManageRule = await PrecheckedOldPassword.ForAsync(WithRules(users, manageRule: "id = @request.auth.id"), id, new JsonObject { ["password"] = "abcdefghij" }, owner, _store);
        var withoutUpdateRule = await PrecheckedOldPassword.ForAsync(WithRules(users, updateRule: null), id, new JsonObject { ["password"] = "abcdefghij" }, owner, _store);
        var plain = await PrecheckedOldPassword.ForAsync(users, id, new JsonObject { ["password"] = "abcdefghij" }, owner, _store);

        Assert.Multiple(() =>
        {
            Assert.That(withManageRule, Is.Null);
            Assert.That(withoutUpdateRule, Is.Null, "only superusers may update: refused before any check");
            Assert.That(plain, Is.Not.Null);
            Assert.That(plain!.Matches, Is.False, "a missing oldPassword is checked as empty");
        });
    }

    private static Collection WithRules(Collection c, string? updateRule = "id = @request.auth.id", string? manageRule = null) => new()
    {
        Id = c.Id, Name = c.Name, Type = c.Type, Fields = c.Fields, Indexes = c.Indexes,
        ListRule = c.ListRule, ViewRule = c.ViewRule, CreateRule = c.CreateRule, UpdateRule = updateRule,
        Options = new JsonObject { ["manageRule"] = manageRule },
    };

    [Test]
    public void PrecheckedOldPassword_ForAnotherHash_IsCheckedAgain()
    {
        var hash = Passwords.Hash("right", 4);
        var stale = new PrecheckedOldPassword("right", Passwords.Hash("right", 4), Matches: false);

        Assert.Multiple(() =>
        {
            Assert.That(PrecheckedOldPassword.Check(stale, "right", hash), Is.True, "the hash changed since the check: checked again");
            Assert.That(PrecheckedOldPassword.Check(stale with { Hash = hash }, "right", hash), Is.False, "same text and hash: the earlier answer is used");
            Assert.That(PrecheckedOldPassword.Check(stale with { Hash = hash, Plain = "other" }, "right", hash), Is.True, "another text: checked again");
        });
    }

    [Test]
    public async Task SuperuserUpsert_HashesBeforeTheWriteTransaction()
    {
        var superusers = new SuperuserService(_collections, _store);
        using var hashes = Passwords.CountHashes();

        var record = await superusers.UpsertAsync("root@example.com", "1234567890", deletePlaceholder: false);

        Assert.Multiple(() =>
        {
            Assert.That(hashes.Total, Is.EqualTo(1));
            Assert.That(hashes.InsideWrites, Is.Zero);
            Assert.That(Passwords.Verify("1234567890", record.GetString("password")), Is.True);
        });
    }

    [Test]
    public async Task OtpCode_IsHashedBeforeTheWriteTransaction()
    {
        var (id, _) = await OwnerAsync("otp@example.com");
        var user = (await _store.FindByIdAsync(_collections.Find("users")!, id))!;
        using var hashes = Passwords.CountHashes();

        var (otpId, code) = await new OtpCodes(_collections, _store).CreateAsync(user, "otp@example.com");

        var otp = (await _store.FindByIdAsync(_collections.Find(OtpCodes.CollectionName)!, otpId))!;
        Assert.Multiple(() =>
        {
            Assert.That(hashes.Total, Is.EqualTo(1));
            Assert.That(hashes.InsideWrites, Is.Zero);
            Assert.That(Passwords.Verify(code!, otp.GetString("password")), Is.True);
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
