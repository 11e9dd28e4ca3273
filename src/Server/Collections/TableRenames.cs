using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Renames a collection's table and its renamed fields' columns with SQLite's own ALTER TABLE
/// before any rebuild, as upstream does: SQLite then rewrites the views that read them, so a view
/// over a renamed field keeps working instead of failing at its next query.
/// </summary>
public static class TableRenames
{
    /// <summary>
    /// Applies the renames from <paramref name="old"/> to <paramref name="updated"/> and returns the
    /// collection as its table now stands. A rename SQLite refuses (it re-checks every view and
    /// trigger, so one already broken blocks it) is left to the rebuild, which copies by field id.
    /// </summary>
    public static Collection Apply(SqliteConnection db, SqliteTransaction tx, Collection old, Collection updated)
    {
        var current = old.Clone();
        // SQLite's table names ignore case (so does upstream's check): "Posts" -> "posts" is no rename.
        if (!string.Equals(old.Name, updated.Name, StringComparison.OrdinalIgnoreCase))
        {
            var rename = $"ALTER TABLE {TableSchema.Quote(old.Name)} RENAME TO {TableSchema.Quote(updated.Name)}";
            try
            {
                Database.Exec(db, rename, tx);
            }
            catch (SqliteException)
            {
                // Without the views' rewrite; the caller refuses the change if one of them needed it.
                TableSchema.WithLegacyAlterTable(db, tx, () => Database.Exec(db, rename, tx));
            }
        }

        current.Name = updated.Name;
        // The columns of removed fields move aside first, so that a field may take a removed one's
        // name in the same save (upstream drops them first); the rebuild then leaves them out.
        foreach (var column in current.Fields.Where(f => updated.FindFieldById(f.Id) is null))
        {
            TryRename(db, tx, current.Name, column, column.Name + "_removed_" + Suffix());
        }

        var renamed = updated.Fields
            .Select(f => (Field: f, Column: current.FindFieldById(f.Id)))
            .Where(p => p.Column is not null && p.Column.Name != p.Field.Name)
            .ToList();
        // Through temporary names first, so that swapped names (a, b -> b, a) never collide.
        foreach (var (field, column) in renamed)
        {
            TryRename(db, tx, current.Name, column!, field.Name + "_" + Suffix());
        }

        foreach (var (field, column) in renamed)
        {
            TryRename(db, tx, current.Name, column!, field.Name);
        }

        return current;
    }

    private static string Suffix() => RandomText.Alphanumeric(5).ToLowerInvariant();

    private static void TryRename(SqliteConnection db, SqliteTransaction tx, string table, Field column, string name)
    {
        try
        {
            Database.Exec(db, $"ALTER TABLE {TableSchema.Quote(table)} RENAME COLUMN {TableSchema.Quote(column.Name)} TO {TableSchema.Quote(name)}", tx);
            column.Name = name;
        }
        catch (SqliteException)
        {
            // Left as it is: the rebuild still moves its data by field id.
        }
    }
}
