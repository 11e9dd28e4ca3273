using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Sql;

/// <summary>
/// Runs a superuser's raw SQL as upstream's console does: a statement that looks like a write runs
/// in a transaction on the writer, anything else on a reader, at most <see cref="MaxRows"/> rows
/// returned, every cell as text (or null).
/// </summary>
public sealed class SqlConsole(Database database)
{
    public const int MaxRows = 1000;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string[] WritePrefixes = ["INSERT", "CREATE", "UPDATE", "DELETE", "DROP", "DETACH", "ALTER", "REPLACE"];

    public async Task<JsonObject> RunAsync(string query)
    {
        query = query.Trim();
        var started = DateTime.UtcNow;
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            (long, JsonArray, JsonArray) result;
            if (IsPossibleWrite(query))
            {
                result = await database.WriteAsync((db, tx) => ExecuteWriteAsync(db, tx, query, timeout.Token));
            }
            else
            {
                try
                {
                    result = await database.ReadAsync(db => ExecuteReadAsync(db, query, timeout.Token));
                }
                finally
                {
                    // A statement the check took for a read can still write (WITH … UPDATE …).
                    database.NoteWrite();
                }
            }

            var (affected, columns, rows) = result;
            return new JsonObject
            {
                ["execTime"] = (long)(DateTime.UtcNow - started).TotalMilliseconds,
                ["affectedRows"] = affected,
                ["columns"] = columns,
                ["rows"] = rows,
            };
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or OperationCanceledException)
        {
            throw ApiException.BadRequest("Failed to execute query. Raw error:\n" + RawError(e));
        }
    }

    /// <summary>Upstream's loose check: anything not starting with SELECT but with a known mutating keyword.</summary>
    public static bool IsPossibleWrite(string query)
    {
        var upper = query.TrimStart().ToUpperInvariant();
        return !upper.StartsWith("SELECT", StringComparison.Ordinal)
            && WritePrefixes.Any(p => upper.StartsWith(p, StringComparison.Ordinal));
    }

    private static async Task<(long, JsonArray, JsonArray)> ExecuteWriteAsync(SqliteConnection db, SqliteTransaction tx, string query, CancellationToken token)
    {
        await using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = query;
        var affected = await command.ExecuteNonQueryAsync(token);
        return (Math.Max(affected, 0), [], []);
    }

    private static async Task<(long, JsonArray, JsonArray)> ExecuteReadAsync(SqliteConnection db, string query, CancellationToken token)
    {
        try
        {
            await using var command = db.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync(token);
            var columns = Columns(reader);
            var rows = new JsonArray();
            while (rows.Count < MaxRows && await reader.ReadAsync(token))
            {
                var row = new JsonArray();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Add(Cell(reader, i));
                }

                rows.Add(row);
            }

            return (0, columns, rows);
        }
        finally
        {
            // A console statement may change connection state (PRAGMA, ATTACH, temp objects): close
            // this connection so the pool hands out only connections in the server's own state.
            await db.CloseAsync();
        }
    }

    private static JsonArray Columns(SqliteDataReader reader)
    {
        var columns = new JsonArray();
        if (reader.FieldCount == 0)
        {
            // A statement without result columns (WITH … UPDATE …) has no schema table to read.
            return columns;
        }

        var schema = reader.GetSchemaTable();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var info = schema.Rows[i];
            var fromTable = info["BaseColumnName"] is string { Length: > 0 };
            var declared = fromTable && info["DataTypeName"] is string type ? type.ToUpperInvariant() : "";
            var nullable = !fromTable || info["AllowDBNull"] is not false;
            columns.Add(new JsonObject { ["name"] = reader.GetName(i), ["type"] = declared, ["nullable"] = nullable });
        }

        return columns;
    }

    private static JsonNode? Cell(SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return null;
        }

        return reader.GetFieldType(i) switch
        {
            var t when t == typeof(long) => reader.GetInt64(i).ToString(CultureInfo.InvariantCulture),
            var t when t == typeof(double) => JsonNumber.FormatG(reader.GetDouble(i)),
            var t when t == typeof(byte[]) => Encoding.UTF8.GetString((byte[])reader.GetValue(i)),
            _ => reader.GetString(i),
        };
    }

    private static string RawError(Exception e) => e switch
    {
        SqliteException sqlite => $"{SqliteErrorText(sqlite)} ({sqlite.SqliteErrorCode})",
        OperationCanceledException => "interrupted (9)",
        _ => e.Message,
    };

    // Microsoft.Data.Sqlite wraps sqlite's message as "SQLite Error N: 'text'."; keep the text.
    private static string SqliteErrorText(SqliteException e)
    {
        var message = e.Message;
        var start = message.IndexOf('\'');
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : message;
    }
}
