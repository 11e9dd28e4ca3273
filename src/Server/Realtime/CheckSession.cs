using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Runs compiled checks on one reader connection, keeping one prepared command per SQL text.
/// Subscribers whose checks share a SQL text differ only in parameter values (typically their
/// auth id), so a fan-out to thousands of them runs as one statement: the parameter sets go in
/// as one JSON array and the check is evaluated for each element with <c>json_each</c>.
/// </summary>
public sealed partial class CheckSession(SqliteConnection connection) : IDisposable
{
    private const int MaxPreparedCommands = 1000;

    // Below this many checks of one SQL text, plain executions are as cheap as a batch.
    private const int BatchThreshold = 4;

    private const int MaxBatchSize = 5000;

    private const int MaxCachedBatches = 64;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    // Per SQL text and first position (a large fan-out is several batches): the checks and
    // positions of the last batch and its parameter text.
    private readonly Dictionary<(string Sql, int Start), (CompiledCheck[] Checks, int[] Indexes, string Json)> _batches = new();

    public SqliteConnection Connection => connection;

    public async Task<bool> PassesAsync(CompiledCheck check, string recordId)
    {
        var command = Prepared(check.Sql, check.Parameters.Select(p => p.Key));
        foreach (var (name, value) in check.Parameters)
        {
            command.Parameters["@" + name].Value = name == check.IdParameter ? recordId : DbValue(value);
        }

        return await ExecuteAsync(command) is not null;
    }

    /// <summary>Evaluates many checks against one record; the result is in the order of <paramref name="checks"/>.</summary>
    public async Task<bool[]> PassAllAsync(IReadOnlyList<CompiledCheck> checks, string recordId)
    {
        var result = new bool[checks.Count];
        foreach (var indexes in BySql(checks))
        {
            if (indexes.Count < BatchThreshold || !checks[indexes[0]].Parameters.All(p => IsJsonScalar(p.Value)))
            {
                foreach (var i in indexes)
                {
                    result[i] = await PassesAsync(checks[i], recordId);
                }

                continue;
            }

            foreach (var chunk in indexes.Chunk(MaxBatchSize))
            {
                await PassBatchAsync(checks, chunk, recordId, result);
            }
        }

        return result;
    }

    public void Dispose() => DisposeCommands();

    /// <summary>The indexes of the checks, grouped by SQL text.</summary>
    private static IEnumerable<IReadOnlyList<int>> BySql(IReadOnlyList<CompiledCheck> checks)
    {
        // Usual case: every subscriber's check is the same rule, whose SQL text is one shared
        // instance (RealtimeAccess), so no grouping is needed.
        var first = checks.Count > 0 ? checks[0].Sql : null;
        var same = true;
        for (var i = 1; i < checks.Count && same; i++)
        {
            same = string.Equals(checks[i].Sql, first, StringComparison.Ordinal);
        }

        return same
            ? checks.Count == 0 ? [] : [Enumerable.Range(0, checks.Count).ToArray()]
            : Enumerable.Range(0, checks.Count).GroupBy(i => checks[i].Sql, StringComparer.Ordinal).Select(g => (IReadOnlyList<int>)g.ToList());
    }

    private async Task PassBatchAsync(IReadOnlyList<CompiledCheck> checks, int[] indexes, string recordId, bool[] result)
    {
        var first = checks[indexes[0]];
        var command = Prepared(BatchSql(first), ["batch", "rid"]);
        command.Parameters["@rid"].Value = recordId;
        command.Parameters["@batch"].Value = CachedBatchJson(first.Sql, checks, indexes);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result[reader.GetInt32(0)] = true;
            }
        }
        catch (SqliteException)
        {
            // As for a single check: a rule failing in SQLite denies access.
        }
    }

    /// <summary>
    /// The check rewritten to read its parameters from the current <c>json_each</c> element
    /// (<c>[index, p0, p1, …]</c>) and to return the indexes of the elements that pass.
    /// </summary>
    private static string BatchSql(CompiledCheck check)
    {
        var positions = check.Parameters.Select((p, i) => (p.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var inner = ParameterPattern().Replace(check.Sql, m =>
        {
            var name = m.Groups[1].Value;
            if (name == check.IdParameter)
            {
                return "@rid";
            }

            return positions.TryGetValue(name, out var position)
                ? $"json_extract(_rt_batch_.value, '$[{position + 1}]')"
                : m.Value;
        });
        return $"SELECT json_extract(_rt_batch_.value, '$[0]') FROM json_each(@batch) AS _rt_batch_ WHERE EXISTS ({inner})";
    }

    /// <summary>
    /// The batch parameter, reused while the same checks sit at the same positions: the parameter
    /// values are the subscribers' auth values, which change far less often than events arrive,
    /// and for 10,000 subscribers the text is half a megabyte per event.
    /// </summary>
    private string CachedBatchJson(string sql, IReadOnlyList<CompiledCheck> checks, int[] indexes)
    {
        var key = (sql, indexes[0]);
        if (_batches.TryGetValue(key, out var cached) && cached.Indexes.AsSpan().SequenceEqual(indexes) && SameChecks(cached.Checks, checks, indexes))
        {
            return cached.Json;
        }

        if (_batches.Count >= MaxCachedBatches)
        {
            _batches.Clear();
        }

        var json = BatchJson(checks, indexes);
        _batches[key] = ([.. indexes.Select(i => checks[i])], indexes, json);
        return json;
    }

    private static bool SameChecks(CompiledCheck[] cached, IReadOnlyList<CompiledCheck> checks, int[] indexes)
    {
        for (var j = 0; j < indexes.Length; j++)
        {
            if (!ReferenceEquals(cached[j], checks[indexes[j]]))
            {
                return false;
            }
        }

        return true;
    }

    private static string BatchJson(IReadOnlyList<CompiledCheck> checks, int[] indexes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var i in indexes)
            {
                json.WriteStartArray();
                json.WriteNumberValue(i);
                foreach (var (_, value) in checks[i].Parameters)
                {
                    WriteScalar(json, value);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static bool IsJsonScalar(object? value) => value is null or string or double or long or int or bool;

    // Booleans become 1/0 as when bound directly (json_extract turns true/false into 1/0 too).
    private static void WriteScalar(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case double d: json.WriteNumberValue(d); break;
            case long l: json.WriteNumberValue(l); break;
            case int n: json.WriteNumberValue(n); break;
            case bool b: json.WriteNumberValue(b ? 1 : 0); break;
            default: throw new InvalidOperationException("Unexpected parameter type " + value.GetType());
        }
    }

    private SqliteCommand Prepared(string sql, IEnumerable<string> parameterNames)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= MaxPreparedCommands)
        {
            DisposeCommands();
        }

        command = RecordStore.Command(connection, null, sql, parameterNames.ToDictionary(n => n, _ => (object?)null));
        _commands[sql] = command;
        return command;
    }

    private static async Task<object?> ExecuteAsync(SqliteCommand command)
    {
        try
        {
            return await command.ExecuteScalarAsync();
        }
        catch (SqliteException)
        {
            // A rule that compiles but fails in SQLite (e.g. after a schema change) denies access.
            return null;
        }
    }

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

    [GeneratedRegex(@"@(p\d+)\b")]
    private static partial Regex ParameterPattern();
}
