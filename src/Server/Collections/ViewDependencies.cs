using Microsoft.Data.Sqlite;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Which view collections SQLite can still read. A change to a table must not silently break the
/// views over it: upstream's DROP COLUMN and DROP TABLE refuse that, and so does the server, by
/// comparing the views readable before the change with those readable after it.
/// </summary>
public static class ViewDependencies
{
    /// <summary>The names of the views in <paramref name="all"/> that SQLite can read now.</summary>
    public static List<string> Readable(SqliteConnection db, SqliteTransaction tx, IEnumerable<Collection> all) =>
        [.. all.Where(c => c.IsView && ReadError(db, tx, c.Name) is null).Select(c => c.Name)];

    /// <summary>The first of <paramref name="views"/> SQLite can no longer read, with its error; null when none.</summary>
    public static (string View, string Error)? FirstBroken(SqliteConnection db, SqliteTransaction tx, IEnumerable<string> views)
    {
        foreach (var view in views)
        {
            if (ReadError(db, tx, view) is { } error)
            {
                return (view, error);
            }
        }

        return null;
    }

    private static string? ReadError(SqliteConnection db, SqliteTransaction tx, string view)
    {
        try
        {
            using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT * FROM {TableSchema.Quote(view)} LIMIT 0";
            using var reader = cmd.ExecuteReader();
            return null;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }
}
