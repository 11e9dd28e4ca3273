using System.Threading.Channels;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Logs;

/// <summary>
/// Writes log entries off the request path: requests only try to enqueue into a bounded channel
/// (a full queue drops the entry rather than slowing the request), and this background service
/// drains it in batches, one auxiliary.db transaction per batch. The retention
/// (<c>logs.maxDays</c>) is the cron job <c>__pbLogsCleanup__</c>, as upstream.
/// </summary>
public sealed class LogWriter(AuxiliaryDatabase auxiliary, ISettingsSource settings, TimeProvider time, ILogger<LogWriter> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int BatchSize = 500;

    private readonly Channel<LogEntry> _queue = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Never blocks and never throws; false when the queue is full (the entry is dropped).</summary>
    public bool TryEnqueue(LogEntry entry) => _queue.Writer.TryWrite(entry);

    /// <summary>Deletes the entries older than <c>logs.maxDays</c> days (all of them when it is 0).</summary>
    public Task<int> DeleteExpiredAsync()
    {
        var cutoff = Clock.ToText(time.GetUtcNow().AddDays(-settings.Current.Logs.MaxDays));
        return auxiliary.Database.WriteAsync(async (db, tx) =>
        {
            await using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM `_logs` WHERE `created` < $cutoff";
            cmd.Parameters.AddWithValue("$cutoff", cutoff);
            return await cmd.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Deletes every entry (<c>DELETE /api/logs</c>, SDK 0.28's <c>pb.logs.truncate()</c>).</summary>
    public Task<int> DeleteAllAsync() => auxiliary.Database.WriteAsync(async (db, tx) =>
    {
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "DELETE FROM `_logs`";
        return await cmd.ExecuteNonQueryAsync();
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is already queued is still written below.
        }

        await DrainAsync(batch);
    }

    private async Task DrainAsync(List<LogEntry> batch)
    {
        while (_queue.Reader.TryPeek(out _))
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await InsertAsync(batch);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed log write must not stop logging (nor, as an unhandled background
                // failure, the host): report it and go on with the next batch.
                logger.LogWarning(ex, "Could not write {Count} log entries", batch.Count);
            }
        }
    }

    private Task<int> InsertAsync(List<LogEntry> batch) =>
        auxiliary.Database.WriteAsync(async (db, tx) =>
        {
            await using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO `_logs` (`id`, `level`, `message`, `data`, `created`) VALUES ($id, $level, $message, $data, $created)";
            var id = cmd.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            var level = cmd.Parameters.Add("$level", Microsoft.Data.Sqlite.SqliteType.Integer);
            var message = cmd.Parameters.Add("$message", Microsoft.Data.Sqlite.SqliteType.Text);
            var data = cmd.Parameters.Add("$data", Microsoft.Data.Sqlite.SqliteType.Text);
            var created = cmd.Parameters.Add("$created", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var entry in batch)
            {
                (id.Value, level.Value, message.Value, data.Value, created.Value) = (entry.Id, entry.Level, entry.Message, entry.Data.ToJsonString(), entry.Created);
                await cmd.ExecuteNonQueryAsync();
            }

            return batch.Count;
        });
}
