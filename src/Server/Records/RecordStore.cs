using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// Record rows through parameterised ADO.NET. Reads use pooled reader connections; every write
/// goes through <see cref="WriteAsync{T}"/>, the single write path that runs one transaction and
/// hands the changed records to the <see cref="IRecordChangePublisher"/> (prepare before commit,
/// send after commit, discard on rollback).
/// </summary>
public sealed class RecordStore(Database database, CollectionStore collections, IRecordChangePublisher publisher, IFileStorage? files = null)
{
    public Database Database => database;

    public CollectionStore Collections => collections;

    public Task<Record?> FindByIdAsync(Collection collection, string id) =>
        database.ReadAsync(db => FindByIdAsync(db, null, collection, id));

    public static async Task<Record?> FindByIdAsync(SqliteConnection db, SqliteTransaction? tx, Collection collection, string id)
    {
        var list = await QueryAsync(db, tx, collection, $"SELECT * FROM {TableSchema.Quote(collection.Name)} WHERE `id` = @id LIMIT 1", new Dictionary<string, object?> { ["id"] = id });
        return list.Count > 0 ? list[0] : null;
    }

    /// <summary>Runs a SELECT whose rows are records of <paramref name="collection"/>.</summary>
    public static async Task<List<Record>> QueryAsync(SqliteConnection db, SqliteTransaction? tx, Collection collection, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var cmd = Database.RentCommand(db, tx, sql);
        var finished = false;
        try
        {
            Bind(cmd, parameters);
            var result = new List<Record>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                int[]? ordinals = null;
                while (await reader.ReadAsync())
                {
                    ordinals ??= RecordColumns.Ordinals(collection, reader);
                    result.Add(RecordColumns.Read(collection, reader, ordinals));
                }
            }

            finished = true;
            return result;
        }
        finally
        {
            Database.ReturnCommand(db, cmd, finished);
        }
    }

    public static async Task<object?> ScalarAsync(SqliteConnection db, SqliteTransaction? tx, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var cmd = Database.RentCommand(db, tx, sql);
        var finished = false;
        try
        {
            Bind(cmd, parameters);
            var value = await cmd.ExecuteScalarAsync();
            finished = true;
            return value;
        }
        finally
        {
            Database.ReturnCommand(db, cmd, finished);
        }
    }

    public static SqliteCommand Command(SqliteConnection db, SqliteTransaction? tx, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        Bind(cmd, parameters);
        return cmd;
    }

    private static void Bind(SqliteCommand cmd, IReadOnlyDictionary<string, object?> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue("@" + name, value switch
            {
                null => DBNull.Value,
                bool b => b ? 1L : 0L,
                _ => value,
            });
        }
    }

    /// <summary>Removes a deleted collection's storage folder (after its table is gone).</summary>
    public Task DeleteCollectionFilesAsync(string collectionId) => files?.DeletePrefixAsync(collectionId) ?? Task.CompletedTask;

    /// <summary>The single record write path: one transaction, change events after commit.</summary>
    public async Task<T> WriteAsync<T>(Func<RecordWriteScope, Task<T>> work)
    {
        RecordWriteScope? scope = null;
        IPreparedRecordChanges? prepared = null;
        return await database.WriteAsync(
            async (db, tx) =>
            {
                scope = new RecordWriteScope(db, tx, collections);
                return await work(scope);
            },
            beforeCommit: async () => prepared = await publisher.PrepareAsync(scope!.Changes),
            afterCommit: async () =>
            {
                try
                {
                    // Files first, so a client reacting to the change event finds them.
                    if (files is not null)
                    {
                        await scope!.Files.ApplyAsync(files);
                    }
                }
                finally
                {
                    // The rows are committed: their events go out even if storage failed.
                    if (prepared is not null)
                    {
                        await prepared.SendAsync();
                    }
                }
            },
            onRollback: () => prepared?.Discard());
    }
}
