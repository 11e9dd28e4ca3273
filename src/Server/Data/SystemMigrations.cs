using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Data;

/// <summary>
/// Creates the system tables with upstream's DDL and, on an empty database, the default
/// collections; an upstream-made <c>pb_data</c> is left as it is.
/// </summary>
public static class SystemMigrations
{
    public const string InitMigration = "1640988000_init.go";

    private const string MigrationsDdl = "CREATE TABLE IF NOT EXISTS `_migrations` (file VARCHAR(255) PRIMARY KEY NOT NULL, applied INTEGER NOT NULL)";

    private const string CollectionsDdl = """
        CREATE TABLE IF NOT EXISTS `_collections` (
            `id`         TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,
            `system`     BOOLEAN DEFAULT FALSE NOT NULL,
            `type`       TEXT DEFAULT "base" NOT NULL,
            `name`       TEXT UNIQUE NOT NULL,
            `fields`     JSON DEFAULT "[]" NOT NULL,
            `indexes`    JSON DEFAULT "[]" NOT NULL,
            `listRule`   TEXT DEFAULT NULL,
            `viewRule`   TEXT DEFAULT NULL,
            `createRule` TEXT DEFAULT NULL,
            `updateRule` TEXT DEFAULT NULL,
            `deleteRule` TEXT DEFAULT NULL,
            `options`    JSON DEFAULT "{}" NOT NULL,
            `created`    TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL,
            `updated`    TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL
        );
        CREATE INDEX IF NOT EXISTS idx__collections_type on `_collections` (`type`);
        """;

    private const string ParamsDdl = """
        CREATE TABLE IF NOT EXISTS `_params` (
            `id`      TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,
            `value`   JSON DEFAULT NULL,
            `created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL,
            `updated` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL
        );
        """;

    private const string LogsDdl = """
        CREATE TABLE IF NOT EXISTS `_logs` (
            `id`      TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,
            `level`   INTEGER DEFAULT 0 NOT NULL,
            `message` TEXT DEFAULT "" NOT NULL,
            `data`    JSON DEFAULT "{}" NOT NULL,
            `created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL
        );
        CREATE INDEX IF NOT EXISTS idx_logs_level on `_logs` (`level`);
        CREATE INDEX IF NOT EXISTS idx_logs_message on `_logs` (`message`);
        CREATE INDEX IF NOT EXISTS idx_logs_created_hour on `_logs` (strftime('%Y-%m-%d %H:00:00', `created`));
        """;

    public static Task RunAsync(Database data, Database auxiliary) =>
        Task.WhenAll(
            auxiliary.WriteAsync((db, tx) =>
            {
                Database.Exec(db, MigrationsDdl, tx);
                Database.Exec(db, LogsDdl, tx);
                return Task.FromResult(0);
            }),
            data.WriteAsync(async (db, tx) =>
            {
                Database.Exec(db, MigrationsDdl, tx);
                Database.Exec(db, CollectionsDdl, tx);
                Database.Exec(db, ParamsDdl, tx);
                if (await IsAppliedAsync(db, tx))
                {
                    return 0;
                }

                await InstallDefaultsAsync(db, tx);
                return 0;
            }));

    private static async Task<bool> IsAppliedAsync(SqliteConnection db, SqliteTransaction tx)
    {
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM `_migrations`) + (SELECT COUNT(*) FROM `_collections`)";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task InstallDefaultsAsync(SqliteConnection db, SqliteTransaction tx)
    {
        var now = Clock.Now();
        foreach (var collection in DefaultCollections.Create(now))
        {
            TableSchema.Create(db, tx, collection);
            var row = new CollectionRow();
            CollectionJson.CopyToRow(collection, row);
            SystemTableSql.InsertCollection(db, tx, row);
        }

        SystemTableSql.InsertParam(db, tx, new ParamRow { Id = "settings", Value = SettingsStore.FreshInstallJson(), Created = now, Updated = now });
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO `_migrations` (file, applied) VALUES ($f, $a)";
        cmd.Parameters.AddWithValue("$f", InitMigration);
        cmd.Parameters.AddWithValue("$a", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        await cmd.ExecuteNonQueryAsync();
    }
}
