using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Runs compiled checks on one reader connection, keeping one prepared command per SQL text:
/// subscribers with the same rule differ only in parameter values, so a fan-out to thousands of
/// them re-binds one prepared statement instead of preparing thousands.
/// </summary>
public sealed class CheckSession(SqliteConnection connection) : IDisposable
{
    private const int MaxPreparedCommands = 1000;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public async Task<bool> PassesAsync(CompiledCheck check, string recordId)
    {
        if (!_commands.TryGetValue(check.Sql, out var command))
        {
            if (_commands.Count >= MaxPreparedCommands)
            {
                DisposeCommands();
            }

            command = RecordStore.Command(connection, null, check.Sql, check.Parameters.ToDictionary());
            _commands[check.Sql] = command;
        }

        foreach (var (name, value) in check.Parameters)
        {
            command.Parameters["@" + name].Value = name == check.IdParameter ? recordId : DbValue(value);
        }

        try
        {
            return await command.ExecuteScalarAsync() is not null;
        }
        catch (SqliteException)
        {
            // A rule that compiles but fails in SQLite (e.g. after a schema change) denies access.
            return false;
        }
    }

    public void Dispose() => DisposeCommands();

    private static object DbValue(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        _ => value,
    };

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
