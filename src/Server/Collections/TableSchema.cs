using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Generates and migrates the SQLite table (or view) behind a collection. Renames go through
/// SQLite's ALTER TABLE (<see cref="TableRenames"/>); any other field change rebuilds the table
/// inside the caller's transaction (new table, copy, drop, rename), keyed by field id, so
/// single/multiple conversions follow upstream.
/// </summary>
public static class TableSchema
{
    public static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    public static void Create(SqliteConnection db, SqliteTransaction tx, Collection c)
    {
        if (c.IsView)
        {
            Database.Exec(db, $"CREATE VIEW {Quote(c.Name)} AS SELECT * FROM ({c.ViewQuery})", tx);
            return;
        }

        Database.Exec(db, CreateTableSql(c.Name, c), tx);
        CreateIndexes(db, tx, c);
    }

    public static void Drop(SqliteConnection db, SqliteTransaction tx, Collection c) =>
        Database.Exec(db, c.IsView ? $"DROP VIEW IF EXISTS {Quote(c.Name)}" : $"DROP TABLE IF EXISTS {Quote(c.Name)}", tx);

    public static void Migrate(SqliteConnection db, SqliteTransaction tx, Collection old, Collection updated)
    {
        if (old.IsView)
        {
            Drop(db, tx, old);
            Create(db, tx, updated);
            return;
        }

        DropIndexes(db, tx, old);
        var current = TableRenames.Apply(db, tx, old, updated);
        if (NeedsRebuild(current, updated))
        {
            Rebuild(db, tx, current, updated);
        }

        CreateIndexes(db, tx, updated);
    }

    private static string CreateTableSql(string table, Collection c) =>
        $"CREATE TABLE {Quote(table)} ({string.Join(", ", c.Fields.Select(f => Quote(f.Name) + " " + FieldTypes.ColumnDefinition(f)))})";

    private static bool NeedsRebuild(Collection old, Collection updated)
    {
        if (old.Fields.Count != updated.Fields.Count)
        {
            return true;
        }

        return updated.Fields.Exists(f => old.FindFieldById(f.Id) is not { } o || o.Name != f.Name || o.IsMultiple != f.IsMultiple || o.Type != f.Type);
    }

    private static void Rebuild(SqliteConnection db, SqliteTransaction tx, Collection old, Collection updated)
    {
        var existingColumns = Columns(db, tx, old.Name);
        var temp = "_new_" + updated.Name;
        Database.Exec(db, $"DROP TABLE IF EXISTS {Quote(temp)}", tx);
        Database.Exec(db, CreateTableSql(temp, updated), tx);

        var targets = new List<string>();
        var sources = new List<string>();
        foreach (var field in updated.Fields)
        {
            var previous = old.FindFieldById(field.Id) ?? (field.IsPrimaryKey ? old.Fields.Find(f => f.IsPrimaryKey) : null);
            if (previous is null || !existingColumns.Contains(previous.Name))
            {
                continue;
            }

            targets.Add(Quote(field.Name));
            sources.Add(ConvertExpression(Quote(previous.Name), previous, field));
        }

        if (targets.Count > 0)
        {
            Database.Exec(db, $"INSERT INTO {Quote(temp)} ({string.Join(", ", targets)}) SELECT {string.Join(", ", sources)} FROM {Quote(old.Name)}", tx);
        }

        // Views that read this table must not block the swap; CollectionService checks them afterwards.
        WithLegacyAlterTable(db, tx, () =>
        {
            Database.Exec(db, $"DROP TABLE {Quote(old.Name)}", tx);
            Database.Exec(db, $"ALTER TABLE {Quote(temp)} RENAME TO {Quote(updated.Name)}", tx);
        });
    }

    /// <summary>
    /// Runs <paramref name="alter"/> with SQLite's legacy ALTER TABLE (views neither checked nor
    /// rewritten). The pragma belongs to the connection, so it is switched back even on failure:
    /// left on, the writer would stop rewriting views for every later rename.
    /// </summary>
    public static void WithLegacyAlterTable(SqliteConnection db, SqliteTransaction tx, Action alter)
    {
        Database.Exec(db, "PRAGMA legacy_alter_table=ON", tx);
        try
        {
            alter();
        }
        finally
        {
            Database.Exec(db, "PRAGMA legacy_alter_table=OFF", tx);
        }
    }

    private static string ConvertExpression(string column, Field from, Field to)
    {
        if (!from.IsMultiple && to.IsMultiple)
        {
            return $"CASE WHEN {column} IS NULL OR {column} = '' THEN '[]' WHEN json_valid({column}) AND json_type({column}) = 'array' THEN {column} ELSE json_array({column}) END";
        }

        if (from.IsMultiple && !to.IsMultiple)
        {
            return $"CASE WHEN json_valid({column}) AND json_type({column}) = 'array' THEN COALESCE(json_extract({column}, '$[#-1]'), '') ELSE COALESCE({column}, '') END";
        }

        return to.Type == "json" ? column : $"COALESCE({column}, {DefaultLiteral(to)})";
    }

    private static string DefaultLiteral(Field f) => FieldTypes.ColumnDefinition(f) switch
    {
        var d when d.StartsWith("NUMERIC", StringComparison.Ordinal) => "0",
        var d when d.StartsWith("BOOLEAN", StringComparison.Ordinal) => "0",
        var d when d.Contains("'[]'", StringComparison.Ordinal) => "'[]'",
        var d when d.Contains("lon", StringComparison.Ordinal) => "'{\"lon\":0,\"lat\":0}'",
        _ => "''",
    };

    public static HashSet<string> Columns(SqliteConnection db, SqliteTransaction? tx, string table)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name FROM pragma_table_info($t)";
        cmd.Parameters.AddWithValue("$t", table);
        using var reader = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            set.Add(reader.GetString(0));
        }

        return set;
    }

    private static void DropIndexes(SqliteConnection db, SqliteTransaction tx, Collection c)
    {
        foreach (var name in c.Indexes.Select(IndexSql.Name).OfType<string>())
        {
            Database.Exec(db, $"DROP INDEX IF EXISTS {Quote(name)}", tx);
        }
    }

    private static void CreateIndexes(SqliteConnection db, SqliteTransaction tx, Collection c)
    {
        foreach (var index in c.Indexes)
        {
            Database.Exec(db, IndexSql.WithTable(index, c.Name), tx);
        }
    }
}
