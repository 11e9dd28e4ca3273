using Microsoft.Data.Sqlite;

namespace PocketBaseSharp.Server.Data;

/// <summary>
/// Plain SQL over the system tables for the start-up path (installing the defaults, reading the
/// collection snapshot and the settings row) and for the reads a save makes first. EF Core
/// (<see cref="SystemDbContext"/>) keeps the writes; loading it costs some 20 MB of code, so the
/// server does not pay it until the first schema or settings write, and then not for its LINQ
/// query pipeline (docs/architecture.md, "EF Core for the system tables").
/// </summary>
public static class SystemTableSql
{
    private const string CollectionColumns =
        "`id`, `system`, `type`, `name`, `fields`, `indexes`, `listRule`, `viewRule`, `createRule`, `updateRule`, `deleteRule`, `options`, `created`, `updated`";

    /// <summary>Every row of <c>_collections</c>, oldest first (ties by name).</summary>
    public static Task<List<CollectionRow>> ReadCollectionsAsync(SqliteConnection db) => ReadCollectionsAsync(db, null, null);

    /// <summary>The <c>_collections</c> row of <paramref name="id"/> as the transaction sees it, or null.</summary>
    public static async Task<CollectionRow?> ReadCollectionAsync(SqliteConnection db, SqliteTransaction tx, string id) =>
        (await ReadCollectionsAsync(db, tx, id)).FirstOrDefault();

    private static async Task<List<CollectionRow>> ReadCollectionsAsync(SqliteConnection db, SqliteTransaction? tx, string? id)
    {
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {CollectionColumns} FROM `_collections`" + (id is null ? "" : " WHERE `id` = $id") + " ORDER BY `created`, `name`";
        if (id is not null)
        {
            cmd.Parameters.AddWithValue("$id", id);
        }

        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<CollectionRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new CollectionRow
            {
                Id = reader.GetString(0),
                System = reader.GetBoolean(1),
                Type = reader.GetString(2),
                Name = reader.GetString(3),
                Fields = reader.GetString(4),
                Indexes = reader.GetString(5),
                ListRule = NullableString(reader, 6),
                ViewRule = NullableString(reader, 7),
                CreateRule = NullableString(reader, 8),
                UpdateRule = NullableString(reader, 9),
                DeleteRule = NullableString(reader, 10),
                Options = reader.GetString(11),
                Created = reader.GetString(12),
                Updated = reader.GetString(13),
            });
        }

        return rows;
    }

    public static void InsertCollection(SqliteConnection db, SqliteTransaction tx, CollectionRow row)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO `_collections` ({CollectionColumns}) VALUES ($id, $system, $type, $name, $fields, $indexes, $listRule, $viewRule, $createRule, $updateRule, $deleteRule, $options, $created, $updated)";
        cmd.Parameters.AddWithValue("$id", row.Id);
        cmd.Parameters.AddWithValue("$system", row.System);
        cmd.Parameters.AddWithValue("$type", row.Type);
        cmd.Parameters.AddWithValue("$name", row.Name);
        cmd.Parameters.AddWithValue("$fields", row.Fields);
        cmd.Parameters.AddWithValue("$indexes", row.Indexes);
        cmd.Parameters.AddWithValue("$listRule", (object?)row.ListRule ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$viewRule", (object?)row.ViewRule ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$createRule", (object?)row.CreateRule ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$updateRule", (object?)row.UpdateRule ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$deleteRule", (object?)row.DeleteRule ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$options", row.Options);
        cmd.Parameters.AddWithValue("$created", row.Created);
        cmd.Parameters.AddWithValue("$updated", row.Updated);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The <c>value</c> of a <c>_params</c> row, or null when the row or its value is missing.</summary>
    public static async Task<string?> ReadParamValueAsync(SqliteConnection db, string id)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT `value` FROM `_params` WHERE `id` = $id LIMIT 1";
        cmd.Parameters.AddWithValue("$id", id);
        return await cmd.ExecuteScalarAsync() is string value ? value : null;
    }

    /// <summary>
    /// Whether a <c>_collections</c> row exists, read inside the writer's transaction. EF Core then
    /// only writes: a LINQ lookup would load and compile its query pipeline for one primary-key read.
    /// </summary>
    public static async Task<bool> CollectionExistsAsync(SqliteConnection db, SqliteTransaction tx, string id)
    {
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT 1 FROM `_collections` WHERE `id` = $id LIMIT 1";
        cmd.Parameters.AddWithValue("$id", id);
        return await cmd.ExecuteScalarAsync() is not null;
    }

    /// <summary>The <c>created</c> of a <c>_params</c> row inside the writer's transaction, or null when there is no row.</summary>
    public static async Task<string?> ReadParamCreatedAsync(SqliteConnection db, SqliteTransaction tx, string id)
    {
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT `created` FROM `_params` WHERE `id` = $id LIMIT 1";
        cmd.Parameters.AddWithValue("$id", id);
        return await cmd.ExecuteScalarAsync() is string created ? created : null;
    }

    public static void InsertParam(SqliteConnection db, SqliteTransaction tx, ParamRow row)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO `_params` (`id`, `value`, `created`, `updated`) VALUES ($id, $value, $created, $updated)";
        cmd.Parameters.AddWithValue("$id", row.Id);
        cmd.Parameters.AddWithValue("$value", (object?)row.Value ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$created", row.Created);
        cmd.Parameters.AddWithValue("$updated", row.Updated);
        cmd.ExecuteNonQuery();
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
