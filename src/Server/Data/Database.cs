using System.Collections.Concurrent;
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
    /// <summary>Idle reader connections kept open; more concurrent readers than this are closed after use.</summary>
    public const int MaxIdleReaders = 32;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<SqliteConnection> _idleReaders = [];
    private int _idleCount;

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
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Exec(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=200000000;");
        ApplyConnectionPragmas(_writer);
    }

    public string Path => _writer.DataSource;

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
        if (_idleReaders.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        ApplyConnectionPragmas(connection);
        return connection;
    }

    // Every command and reader of a read is disposed by its work, so an open connection is clean.
    private void ReturnReader(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleReaders)
            {
                _idleReaders.Add(connection);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            while (_idleReaders.TryTake(out var reader))
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
