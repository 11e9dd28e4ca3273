using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace PocketBaseSharp.Server.Data;

/// <summary>
/// One SQLite database file with upstream's pragmas: one serialised writer connection and pooled
/// reader connections, so reads (WAL snapshots) never wait behind writes. Idle readers stay open
/// with their pragmas applied once: re-opening and re-running the pragmas on every read was a
/// large share of a getOne (docs/benchmarks.md, "Where we miss").
/// </summary>
public sealed class Database : IAsyncDisposable
{
    /// <summary>
    /// Idle reader connections kept open; more concurrent readers than this are closed after use.
    /// A read holds its connection only while a thread runs it, so a few per core serve any
    /// number of requests; each open reader keeps its own page cache (native memory), which 32
    /// idle readers turned into tens of megabytes (docs/realtime.md, "Memory per client").
    /// </summary>
    public static readonly int MaxIdleReaders = Math.Clamp(2 * Environment.ProcessorCount, 4, 32);

    /// <summary>Prepared commands kept per reader connection (distinct SQL texts); more are prepared per use.</summary>
    public const int MaxPreparedPerReader = 64;

    // Prepared commands of each open reader connection, by SQL text. A reader is rented by one
    // read at a time, so its cache is never used concurrently; a command is taken out while it
    // runs (a nested query with the same text prepares its own). Closing the connection disposes
    // its commands.
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = new();

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // A queue, not a bag: reads hop threads across awaits, and a bag's thread-local lists made
    // renting and returning contend on its steal lock.
    private readonly ConcurrentQueue<SqliteConnection> _idleReaders = new();
    private int _idleCount;
    private long _writeVersion;

    // True in the async flow of a write transaction (any Database), so tests can prove that slow
    // work such as bcrypt runs before the writer lock is taken.
    private static readonly AsyncLocal<bool> Writing = new();

    /// <summary>Whether the current async flow is inside <see cref="WriteAsync{T}(Func{SqliteConnection, SqliteTransaction, Task{T}})"/>.</summary>
    public static bool InWriteTransaction => Writing.Value;

    public Database(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Readers are pooled here (MaxIdleReaders); a second pool inside Microsoft.Data.Sqlite
            // would keep every reader beyond that cap open as well.
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Exec(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=200000000;");
        ApplyConnectionPragmas(_writer);
    }

    public string Path => _writer.DataSource;

    /// <summary>
    /// Counts this process's write transactions on the database, raised after each one ends
    /// (committed or not). A value read before a read and unchanged afterwards proves no write of
    /// this process landed in between: caches of rows (<see cref="Auth.AuthTokenCache"/>) key on it.
    /// </summary>
    public long WriteVersion => Volatile.Read(ref _writeVersion);

    /// <summary>
    /// Raises <see cref="WriteVersion"/> after work that may have written without
    /// <see cref="WriteAsync{T}(Func{SqliteConnection, SqliteTransaction, Task{T}})"/>: a SQL-console
    /// statement that upstream's loose check sends to a reader (<c>WITH … UPDATE</c>).
    /// </summary>
    public void NoteWrite() => Interlocked.Increment(ref _writeVersion);

    /// <summary>Runs <paramref name="work"/> in a write transaction on the single writer connection.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
    {
        // Writes are never tied to the request-abort token: a received write must complete.
        await _writeLock.WaitAsync(CancellationToken.None);
        Writing.Value = true;
        try
        {
            await using var tx = _writer.BeginTransaction(deferred: false);
            var result = await work(_writer, tx);
            await tx.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            Writing.Value = false;
            Interlocked.Increment(ref _writeVersion);
            _writeLock.Release();
        }
    }

    /// <summary>Like <see cref="WriteAsync{T}"/>, with a hook that runs after the commit succeeded.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, Func<Task> beforeCommit, Func<Task> afterCommit, Action onRollback)
    {
        await _writeLock.WaitAsync(CancellationToken.None);
        Writing.Value = true;
        var committed = false;
        try
        {
            await using var tx = _writer.BeginTransaction(deferred: false);
            var result = await work(_writer, tx);
            await beforeCommit();
            await tx.CommitAsync(CancellationToken.None);
            committed = true;
            return result;
        }
        finally
        {
            Writing.Value = false;
            Interlocked.Increment(ref _writeVersion);
            _writeLock.Release();
            if (committed)
            {
                await afterCommit();
            }
            else
            {
                onRollback();
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled reader connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work)
    {
        var connection = await RentReaderAsync();
        try
        {
            return await work(connection);
        }
        finally
        {
            ReturnReader(connection);
        }
    }

    private async Task<SqliteConnection> RentReaderAsync()
    {
        if (_idleReaders.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        ApplyConnectionPragmas(connection);
        Prepared.Add(connection, new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        return connection;
    }

    /// <summary>
    /// A command for <paramref name="sql"/> with no parameters: on a reader connection the one
    /// prepared by an earlier read when it is free, otherwise a new one. Give it back with
    /// <see cref="ReturnCommand"/> after its reader is disposed, or dispose it.
    /// </summary>
    public static SqliteCommand RentCommand(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        if (tx is null && Prepared.TryGetValue(connection, out var cache) && cache.Remove(sql, out var prepared))
        {
            return prepared;
        }

        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Keeps a command that ran to the end prepared on its reader connection, or disposes it.</summary>
    public static void ReturnCommand(SqliteConnection connection, SqliteCommand command, bool finished = true)
    {
        if (finished && command.Transaction is null && Prepared.TryGetValue(connection, out var cache)
            && cache.Count < MaxPreparedPerReader && cache.TryAdd(command.CommandText, command))
        {
            command.Parameters.Clear();
            return;
        }

        command.Dispose();
    }

    // Every command and reader of a read is disposed by its work, so an open connection is clean.
    private void ReturnReader(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleReaders)
            {
                _idleReaders.Enqueue(connection);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    /// <summary>
    /// Empties the page caches of the connections nobody is using (<c>PRAGMA shrink_memory</c>):
    /// the writer when no write runs, and every idle reader. Each may cache up to 32 MB of pages;
    /// after a burst (10,000 sign-ups, a large list) they stay full while the server idles, and
    /// the next read refills what it needs from the operating system's file cache.
    /// </summary>
    public void ReleaseMemory()
    {
        if (_writeLock.Wait(0))
        {
            try
            {
                Exec(_writer, "PRAGMA shrink_memory;");
            }
            finally
            {
                _writeLock.Release();
            }
        }

        for (var n = Volatile.Read(ref _idleCount); n > 0 && _idleReaders.TryDequeue(out var reader); n--)
        {
            Interlocked.Decrement(ref _idleCount);
            Exec(reader, "PRAGMA shrink_memory;");
            ReturnReader(reader);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            while (_idleReaders.TryDequeue(out var reader))
            {
                await reader.DisposeAsync();
            }

            Exec(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
            await _writer.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private static void ApplyConnectionPragmas(SqliteConnection connection) =>
        Exec(connection, "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;");

    public static void Exec(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }
}
