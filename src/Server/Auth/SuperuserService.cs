using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Cli;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>Superuser accounts for the CLI and the installer (the API uses the normal record routes).</summary>
public sealed class SuperuserService(CollectionStore collections, RecordStore records)
{
    private Collection Superusers => collections.Find(Collection.SuperusersId) ?? throw new InvalidOperationException("Missing _superusers collection.");

    public async Task<Record?> FindByEmailAsync(string email)
    {
        var c = Superusers;
        var list = await records.Database.ReadAsync(db => RecordStore.QueryAsync(db, null, c,
            $"SELECT * FROM {TableSchema.Quote(c.Name)} WHERE `email` = @e COLLATE NOCASE LIMIT 1", new Dictionary<string, object?> { ["e"] = email }));
        return list.FirstOrDefault();
    }

    public async Task<bool> HasRealSuperuserAsync()
    {
        var c = Superusers;
        var count = await records.Database.ReadAsync(db => RecordStore.ScalarAsync(db, null,
            $"SELECT COUNT(*) FROM {TableSchema.Quote(c.Name)} WHERE `email` != @e", new Dictionary<string, object?> { ["e"] = Installer.PlaceholderEmail }));
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async Task<Record> UpsertAsync(string email, string password, bool deletePlaceholder)
    {
        // Hashed before the transaction, so the single writer never waits for bcrypt.
        var hash = await Passwords.HashAsync(password, Superusers.FindField("password")?.Cost ?? 10);
        return await records.WriteAsync(scope => UpsertAsync(scope, email, hash, deletePlaceholder));
    }

    private async Task<Record> UpsertAsync(RecordWriteScope scope, string email, string hash, bool deletePlaceholder)
    {
        var c = Superusers;
        var found = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, c,
            $"SELECT * FROM {TableSchema.Quote(c.Name)} WHERE `email` = @e COLLATE NOCASE LIMIT 1", new Dictionary<string, object?> { ["e"] = email });
        var now = Clock.Now();
        Record record;
        if (found.Count > 0)
        {
            record = found[0];
            record.Values["password"] = hash;
            record.Values["tokenKey"] = RandomText.Alphanumeric(50);
            record.Values["updated"] = now;
            await scope.UpdateAsync(record);
        }
        else
        {
            record = new Record(c, new Dictionary<string, object?>
            {
                ["id"] = RandomText.RecordId(), ["email"] = email, ["password"] = hash, ["tokenKey"] = RandomText.Alphanumeric(50),
                ["emailVisibility"] = false, ["verified"] = true, ["created"] = now, ["updated"] = now,
            });
            record.Values.Keys.Where(k => c.FindField(k) is null).ToList().ForEach(k => record.Values.Remove(k));
            await scope.InsertAsync(record);
        }

        if (deletePlaceholder && !Installer.IsPlaceholder(email))
        {
            var placeholders = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, c,
                $"SELECT * FROM {TableSchema.Quote(c.Name)} WHERE `email` = @e", new Dictionary<string, object?> { ["e"] = Installer.PlaceholderEmail });
            foreach (var p in placeholders)
            {
                await scope.DeleteAsync(p);
            }
        }

        return record;
    }

    public Task DeleteAsync(Record record) => records.WriteAsync(async scope =>
    {
        var c = Superusers;
        var count = await RecordStore.ScalarAsync(scope.Connection, scope.Transaction, $"SELECT COUNT(*) FROM {TableSchema.Quote(c.Name)}", new Dictionary<string, object?>());
        if (Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) <= 1)
        {
            throw ApiException.BadRequest("You can't delete the only existing superuser.");
        }

        await scope.DeleteAsync(record);
        return 0;
    });
}
