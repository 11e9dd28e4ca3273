using System.Text.Json;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Finds or creates the auth record of an OAuth2 sign-in and links it in <c>_externalAuths</c>:
/// by the existing link, else the caller's own record, else the same email, else a new record
/// from <c>createData</c> and the collection's <c>oauth2.mappedFields</c>.
/// </summary>
public sealed class OAuth2Accounts(CollectionStore collections, RecordStore store, RecordRules rules)
{
    public const string LinksCollection = "_externalAuths";

    public async Task<(Record Record, bool IsNew)> ResolveAsync(HttpContext http, Collection c, string provider, OAuth2User user, Record? caller, JsonObject? createData)
    {
        var links = collections.Find(LinksCollection) ?? throw new InvalidOperationException("Missing _externalAuths collection.");
        var linkSql = $"SELECT * FROM {TableSchema.Quote(links.Name)} WHERE `collectionRef` = @c AND `provider` = @p AND `providerId` = @id LIMIT 1";
        Dictionary<string, object?> LinkParameters() => new() { ["c"] = c.Id, ["p"] = provider, ["id"] = user.Id };

        // A provider account seen for the first time may need a random password (a new record, or
        // an unverified one taken over): hashed here, so the single writer never waits for bcrypt.
        // A returning account does not pay for it; should the transaction decide otherwise after
        // all (a race, or a linked record still unverified), it hashes there.
        var firstSignIn = (await store.Database.ReadAsync(db => RecordStore.QueryAsync(db, null, links, linkSql, LinkParameters()))).Count == 0;
        var cost = c.FindField("password")?.Cost ?? 10;
        var prehashed = firstSignIn ? await Passwords.HashAsync(RandomText.Alphanumeric(30), cost) : null;
        string RandomPasswordHash()
        {
            var hash = prehashed ?? Passwords.Hash(RandomText.Alphanumeric(30), cost);
            prehashed = null;
            return hash;
        }

        return await store.WriteAsync(async scope =>
        {
            var linked = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, links, linkSql, LinkParameters());
            Record? record = linked.Count > 0 ? await scope.FindAsync(c, linked[0].GetString("recordRef")) : null;
            record ??= caller is not null && caller.Collection.Id == c.Id ? await scope.FindAsync(c, caller.Id) : null;
            if (record is null && user.Email.Length > 0)
            {
                var byEmail = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, c,
                    $"SELECT * FROM {TableSchema.Quote(c.Name)} WHERE `email` = @e LIMIT 1", new Dictionary<string, object?> { ["e"] = user.Email });
                record = byEmail.Count > 0 ? byEmail[0] : null;
            }

            var isNew = record is null;
            if (record is null)
            {
                record = NewRecord(c, user, createData, RandomPasswordHash());

                // The sign-up goes through the collection's createRule like a normal create.
                var body = createData is null ? null : Json.ToPlain(createData) as Dictionary<string, object?>;
                var info = RecordRules.BuildRequestInfo(http, RequestAuthState.Of(http), body, "oauth2");
                if (!await rules.CheckCreateAsync(scope.Connection, scope.Transaction, record, info))
                {
                    throw ApiException.BadRequest("Failed to authenticate.");
                }

                await scope.InsertAsync(record);
            }
            else
            {
                var isCaller = caller is not null && caller.Id == record.Id && caller.Collection.Id == c.Id;
                var changed = false;

                // Someone may have registered the address before its owner: an unverified
                // account taken over by the provider's owner gets a fresh random password.
                if (!isCaller && record.GetString("email").Length > 0 && !record.GetBool("verified"))
                {
                    record.Values["password"] = RandomPasswordHash();
                    record.Values["tokenKey"] = RandomText.Alphanumeric(50);
                    changed = true;
                }

                if (record.GetString("email").Length == 0 && user.Email.Length > 0)
                {
                    record.Values["email"] = user.Email;
                    changed = true;
                }

                if (!record.GetBool("verified") && (record.GetString("email").Length == 0 || record.GetString("email") == user.Email))
                {
                    record.Values["verified"] = true;
                    changed = true;
                }

                if (changed)
                {
                    Touch(record);
                    await scope.UpdateAsync(record);
                }
            }

            if (linked.Count == 0 || linked[0].GetString("recordRef") != record.Id)
            {
                // A link whose record is gone is replaced (the pair must stay unique).
                foreach (var stale in linked)
                {
                    await scope.DeleteAsync(stale);
                }

                await LinkAsync(scope, links, c, record, provider, user.Id);
            }

            return (record, isNew);
        });
    }

    private static Record NewRecord(Collection c, OAuth2User user, JsonObject? createData, string passwordHash)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (key, node) in createData ?? [])
        {
            // Only plain data fields; auth internals are server-managed.
            if (c.FindField(key) is { } field && field.Type is "text" or "editor" or "url" or "number" or "bool" or "select"
                && key is not ("id" or "tokenKey" or "verified" or "password") && node is JsonValue v && v.GetValueKind() != JsonValueKind.Null)
            {
                values[key] = Json.ToPlain(v);
            }
        }

        var mapped = c.Options["oauth2"] as JsonObject is { } o ? o["mappedFields"] as JsonObject : null;
        SetMapped(c, values, createData, Json.String(mapped?["name"]), user.Name);
        SetMapped(c, values, createData, Json.String(mapped?["username"]), user.Username);
        SetMapped(c, values, createData, Json.String(mapped?["id"]), user.Id);
        SetMapped(c, values, createData, Json.String(mapped?["avatarURL"]), user.AvatarUrl);

        // The submitted email wins; the provider's fills in when none was given.
        var email = Json.String(createData?["email"]) is { Length: > 0 } submitted ? submitted : user.Email;
        if (email.Length == 0 && c.FindField("email") is { Required: true })
        {
            throw ApiException.BadRequest("Failed to authenticate.");
        }

        var now = Clock.Now();
        values["id"] = RandomText.RecordId();
        values["email"] = email;
        values["emailVisibility"] = false;
        values["verified"] = email == user.Email;
        values["password"] = passwordHash;
        values["tokenKey"] = RandomText.Alphanumeric(50);
        foreach (var field in c.Fields.Where(f => f.Type == "autodate" && f.OnCreate))
        {
            values[field.Name] = now;
        }

        return new Record(c, values);
    }

    /// <summary>
    /// Copies a provider value into a text-like field unless <c>createData</c> set that field; a file
    /// field (avatar download) is not filled.
    /// </summary>
    private static void SetMapped(Collection c, Dictionary<string, object?> values, JsonObject? createData, string? fieldName, string value)
    {
        if (!string.IsNullOrEmpty(fieldName) && value.Length > 0 && createData?.ContainsKey(fieldName) != true
            && c.FindField(fieldName) is { Type: "text" or "url" or "editor" })
        {
            values[fieldName] = value;
        }
    }

    private static void Touch(Record record)
    {
        if (record.Collection.FindField("updated") is { Type: "autodate", OnUpdate: true })
        {
            record.Values["updated"] = Clock.Now();
        }
    }

    private static async Task LinkAsync(RecordWriteScope scope, Collection links, Collection c, Record record, string provider, string providerId)
    {
        var now = Clock.Now();
        await scope.InsertAsync(new Record(links, new Dictionary<string, object?>
        {
            ["id"] = RandomText.RecordId(), ["collectionRef"] = c.Id, ["recordRef"] = record.Id, ["provider"] = provider,
            ["providerId"] = providerId, ["created"] = now, ["updated"] = now,
        }));
    }
}
