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
    private readonly HashSet<(string Collection, string Id)> _deleted = [];
    private readonly HashSet<(string Collection, string Id)> _updated = [];
    private readonly Dictionary<(string Collection, string Field, string Id), List<Record>> _prefetched = [];
    private int _deleteDepth;

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
        _updated.Add((record.Collection.Id, record.Id));
    }

    /// <summary>
    /// Deletes the record and, as upstream, cleans every relation pointing to it: cascade deletes,
    /// reference removal, or a 400 when a required reference would become empty.
    /// </summary>
    public async Task DeleteAsync(Record record)
    {
        _deleteDepth++;
        try
        {
            await ExecuteAsync(record.Collection, $"DELETE FROM {TableSchema.Quote(record.Collection.Name)} WHERE `id` = @id", new Dictionary<string, object?> { ["id"] = record.Id });
            _changes.Add(new RecordChange("delete", record.Collection, record.Clone()));
            _deleted.Add((record.Collection.Id, record.Id));
            Files.DeleteRecord(record.Collection.Id, record.Id);

            foreach (var collection in collections.All.Where(c => !c.IsView).OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                foreach (var field in collection.Fields.Where(f => f.Type == "relation" && f.CollectionId == record.Collection.Id))
                {
                    await CleanReferencesAsync(collection, field, record);
                }
            }
        }
        finally
        {
            // Prefetched references are only valid within one cascade (later writes of a batch may add some).
            if (--_deleteDepth == 0)
            {
                _prefetched.Clear();
            }
        }
    }

    private async Task CleanReferencesAsync(Collection collection, Field field, Record deleted)
    {
        var referencing = await ReferencingAsync(collection, field, deleted);
        var cascading = field.CascadeDelete
            ? referencing.FindAll(other => !_deleted.Contains((collection.Id, other.Id)) && other.GetList(field.Name).All(id => id == deleted.Id))
            : [];
        if (cascading.Count > 1)
        {
            await PrefetchReferencesAsync(collection, cascading);
        }

        foreach (var candidate in referencing)
        {
            // A record may already be gone through another path of the same cascade.
            if (_deleted.Contains((collection.Id, candidate.Id)))
            {
                continue;
            }

            // A prefetched row changed by an earlier step of this cascade is read again.
            var other = candidate;
            if (_updated.Contains((collection.Id, candidate.Id)))
            {
                other = await FindAsync(collection, candidate.Id);
                if (other is null || !other.GetList(field.Name).Contains(deleted.Id))
                {
                    continue;
                }
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

    /// <summary>The records of <paramref name="collection"/> whose <paramref name="field"/> references <paramref name="deleted"/>, in rowid order.</summary>
    private async Task<List<Record>> ReferencingAsync(Collection collection, Field field, Record deleted)
    {
        if (_prefetched.Remove((collection.Id, field.Name, deleted.Id), out var cached))
        {
            return cached;
        }

        var parameters = new Dictionary<string, object?> { ["id"] = deleted.Id };
        var rows = await RecordStore.QueryAsync(db, tx, collection, ReferencingSql(collection, field, "@id"), parameters);
        return rows.FindAll(r => r.Id != deleted.Id);
    }

    /// <summary>
    /// Before cascade-deleting several records of one collection, finds what references them with
    /// one query per referencing field for the whole group (not one per record), so deleting an
    /// organization scans each posts table once, not once per user. Each record's rows are kept in
    /// the order its own query would return them; the cascade then runs in the usual order.
    /// </summary>
    private async Task PrefetchReferencesAsync(Collection collection, List<Record> group)
    {
        var ids = group.Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var other in collections.All.Where(c => !c.IsView).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var field in other.Fields.Where(f => f.Type == "relation" && f.CollectionId == collection.Id))
            {
                foreach (var chunk in ids.Chunk(500))
                {
                    var parameters = chunk.Select((id, i) => KeyValuePair.Create("i" + i, (object?)id)).ToDictionary();
                    var list = "(" + string.Join(", ", parameters.Keys.Select(k => "@" + k)) + ")";
                    var rows = await RecordStore.QueryAsync(db, tx, other, ReferencingSql(other, field, null, list), parameters);
                    foreach (var id in chunk)
                    {
                        _prefetched[(other.Id, field.Name, id)] = [];
                    }

                    foreach (var row in rows)
                    {
                        foreach (var id in row.GetList(field.Name).Distinct(StringComparer.Ordinal))
                        {
                            if (row.Id != id && _prefetched.TryGetValue((other.Id, field.Name, id), out var bucket))
                            {
                                bucket.Add(row);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>SELECT of the rows whose relation <paramref name="field"/> holds <paramref name="value"/> (or one of <paramref name="inList"/>).</summary>
    private static string ReferencingSql(Collection collection, Field field, string? value, string? inList = null)
    {
        // Qualified: json_each has columns of its own (id, parent, …) that would shadow bare names.
        var column = TableSchema.Quote(collection.Name) + "." + TableSchema.Quote(field.Name);
        var test = value is not null ? "= " + value : "IN " + inList;
        return field.IsMultiple
            ? $"SELECT * FROM {TableSchema.Quote(collection.Name)} WHERE EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid({column}) THEN {column} ELSE json_array({column}) END) WHERE value {test})"
            : $"SELECT * FROM {TableSchema.Quote(collection.Name)} WHERE {column} {test}";
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
