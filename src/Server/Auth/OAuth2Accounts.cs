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
public sealed class OAuth2Accounts(CollectionStore collections, RecordStore store)
{
    public const string LinksCollection = "_externalAuths";

    public async Task<(Record Record, bool IsNew)> ResolveAsync(Collection c, string provider, OAuth2User user, Record? caller, JsonObject? createData)
    {
        var links = collections.Find(LinksCollection) ?? throw new InvalidOperationException("Missing _externalAuths collection.");
        return await store.WriteAsync(async scope =>
        {
            var linked = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, links,
                $"SELECT * FROM {TableSchema.Quote(links.Name)} WHERE `collectionRef` = @c AND `provider` = @p AND `providerId` = @id LIMIT 1",
                new Dictionary<string, object?> { ["c"] = c.Id, ["p"] = provider, ["id"] = user.Id });
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
                record = NewRecord(c, user, createData);
                await scope.InsertAsync(record);
            }
            else if (!record.GetBool("verified") && user.Email.Length > 0 && string.Equals(record.GetString("email"), user.Email, StringComparison.OrdinalIgnoreCase))
            {
                // The provider vouches for the address.
                record.Values["verified"] = true;
                Touch(record);
                await scope.UpdateAsync(record);
            }

            if (linked.Count == 0 || linked[0].GetString("recordRef") != record.Id)
            {
                await LinkAsync(scope, links, c, record, provider, user.Id);
            }

            return (record, isNew);
        });
    }

    private static Record NewRecord(Collection c, OAuth2User user, JsonObject? createData)
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
        SetMapped(c, values, Json.String(mapped?["name"]), user.Name);
        SetMapped(c, values, Json.String(mapped?["username"]), user.Username);
        SetMapped(c, values, Json.String(mapped?["id"]), user.Id);
        SetMapped(c, values, Json.String(mapped?["avatarURL"]), user.AvatarUrl);

        var email = user.Email.Length > 0 ? user.Email : Json.String(createData?["email"]) ?? "";
        if (email.Length == 0 && c.FindField("email") is { Required: true })
        {
            throw ApiException.BadRequest("Failed to authenticate.");
        }

        var now = Clock.Now();
        values["id"] = RandomText.RecordId();
        values["email"] = email;
        values["emailVisibility"] = false;
        values["verified"] = user.Email.Length > 0;
        values["password"] = Passwords.Hash(RandomText.Alphanumeric(30), c.FindField("password")?.Cost ?? 10);
        values["tokenKey"] = RandomText.Alphanumeric(50);
        foreach (var field in c.Fields.Where(f => f.Type == "autodate" && f.OnCreate))
        {
            values[field.Name] = now;
        }

        return new Record(c, values);
    }

    /// <summary>Copies a provider value into a text-like field; file fields (avatar download) are not filled.</summary>
    private static void SetMapped(Collection c, Dictionary<string, object?> values, string? fieldName, string value)
    {
        if (!string.IsNullOrEmpty(fieldName) && value.Length > 0 && c.FindField(fieldName) is { Type: "text" or "url" or "editor" })
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
