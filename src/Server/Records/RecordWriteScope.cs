using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// The operations of one write transaction. Every insert, update and (cascade) delete is recorded
/// in <see cref="Changes"/> for the change publisher.
/// </summary>
public sealed class RecordWriteScope(SqliteConnection db, SqliteTransaction tx, CollectionStore collections)
{
    private readonly List<RecordChange> _changes = [];

    public SqliteConnection Connection => db;

    public SqliteTransaction Transaction => tx;

    public IReadOnlyList<RecordChange> Changes => _changes;

    /// <summary>Storage changes applied only after the transaction commits.</summary>
    public FileChanges Files { get; } = new();

    /// <summary>The message of the 400 a UNIQUE violation becomes (create or update wording).</summary>
    public string UniqueFailureMessage { get; set; } = "Failed to create record.";

    public Task<Record?> FindAsync(Collection collection, string id) => RecordStore.FindByIdAsync(db, tx, collection, id);

    public async Task InsertAsync(Record record)
    {
        var fields = record.Collection.Fields.Where(f => record.Values.ContainsKey(f.Name)).ToList();
        var parameters = new Dictionary<string, object?>();
        for (var i = 0; i < fields.Count; i++)
        {
            parameters["v" + i] = RecordColumns.ToDb(fields[i], record.Values[fields[i].Name]);
        }

        var sql = $"INSERT INTO {TableSchema.Quote(record.Collection.Name)} ({string.Join(", ", fields.Select(f => TableSchema.Quote(f.Name)))}) " +
                  $"VALUES ({string.Join(", ", fields.Select((_, i) => "@v" + i))})";
        await ExecuteAsync(record.Collection, sql, parameters);
        _changes.Add(new RecordChange("create", record.Collection, record.Clone()));
    }

    public async Task UpdateAsync(Record record)
    {
        var fields = record.Collection.Fields.Where(f => record.Values.ContainsKey(f.Name) && f.Name != "id").ToList();
        var parameters = new Dictionary<string, object?> { ["id"] = record.Id };
        for (var i = 0; i < fields.Count; i++)
        {
            parameters["v" + i] = RecordColumns.ToDb(fields[i], record.Values[fields[i].Name]);
        }

        if (fields.Count > 0)
        {
            var sql = $"UPDATE {TableSchema.Quote(record.Collection.Name)} SET {string.Join(", ", fields.Select((f, i) => TableSchema.Quote(f.Name) + " = @v" + i))} WHERE `id` = @id";
            await ExecuteAsync(record.Collection, sql, parameters);
        }

        _changes.Add(new RecordChange("update", record.Collection, record.Clone()));
    }

    /// <summary>
    /// Deletes the record and, as upstream, cleans every relation pointing to it: cascade deletes,
    /// reference removal, or a 400 when a required reference would become empty.
    /// </summary>
    public async Task DeleteAsync(Record record)
    {
        await ExecuteAsync(record.Collection, $"DELETE FROM {TableSchema.Quote(record.Collection.Name)} WHERE `id` = @id", new Dictionary<string, object?> { ["id"] = record.Id });
        _changes.Add(new RecordChange("delete", record.Collection, record.Clone()));
        Files.DeleteRecord(record.Collection.Id, record.Id);

        foreach (var collection in collections.All.Where(c => !c.IsView).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var field in collection.Fields.Where(f => f.Type == "relation" && f.CollectionId == record.Collection.Id))
            {
                await CleanReferencesAsync(collection, field, record);
            }
        }
    }

    private async Task CleanReferencesAsync(Collection collection, Field field, Record deleted)
    {
        // Qualified: json_each has columns of its own (id, parent, …) that would shadow bare names.
        var column = TableSchema.Quote(collection.Name) + "." + TableSchema.Quote(field.Name);
        var sql = field.IsMultiple
            ? $"SELECT * FROM {TableSchema.Quote(collection.Name)} WHERE `id` != @id AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid({column}) THEN {column} ELSE json_array({column}) END) WHERE value = @id)"
            : $"SELECT * FROM {TableSchema.Quote(collection.Name)} WHERE `id` != @id AND {column} = @id";
        var referencing = await RecordStore.QueryAsync(db, tx, collection, sql, new Dictionary<string, object?> { ["id"] = deleted.Id });
        foreach (var other in referencing)
        {
            // A record may already be gone through another path of the same cascade.
            if (_changes.Exists(c => c.Action == "delete" && c.Collection.Id == collection.Id && c.Record.Id == other.Id))
            {
                continue;
            }

            var remaining = other.GetList(field.Name).Where(id => id != deleted.Id).ToList();
            if (remaining.Count == 0 && field.CascadeDelete)
            {
                await DeleteAsync(other);
            }
            else if (remaining.Count == 0 && field.Required)
            {
                throw ApiException.BadRequest("Failed to delete record. Make sure that the record is not part of a required relation reference.");
            }
            else
            {
                other.Values[field.Name] = field.IsMultiple ? remaining : (remaining.Count > 0 ? remaining[^1] : "");
                var now = Clock.Now();
                foreach (var autodate in collection.Fields.Where(f => f.Type == "autodate" && f.OnUpdate))
                {
                    other.Values[autodate.Name] = now;
                }

                await UpdateAsync(other);
            }
        }
    }

    private async Task ExecuteAsync(Collection collection, string sql, Dictionary<string, object?> parameters)
    {
        await using var cmd = RecordStore.Command(db, tx, sql, parameters);
        try
        {
            await cmd.ExecuteNonQueryAsync();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 && ex.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            throw UniqueViolation(collection, ex.Message, UniqueFailureMessage);
        }
    }

    /// <summary>Maps "UNIQUE constraint failed: t.a, t.b" to validation_not_unique on each column.</summary>
    private static ApiException UniqueViolation(Collection collection, string message, string failure)
    {
        var errors = new ValidationErrors();
        var list = message[(message.IndexOf("failed:", StringComparison.Ordinal) + 7)..].TrimEnd('.', '\'', ' ');
        foreach (var part in list.Split(','))
        {
            var column = part.Trim().Split('.')[^1];
            if (collection.FindField(column) is not null)
            {
                errors.Add(column, "validation_not_unique", "Value must be unique.");
            }
        }

        return ApiException.BadRequest(failure, errors.Data);
    }
}
