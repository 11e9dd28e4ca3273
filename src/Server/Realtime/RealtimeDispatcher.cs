using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Delivers committed batches in commit order on one background worker, so that a write request
/// returns as soon as it committed and never waits for thousands of access checks. The worker
/// owns a read-only connection whose prepared check statements live as long as the process.
/// </summary>
public sealed class RealtimeDispatcher(
    IRealtimeBus bus,
    RealtimeMessageBuilder builder,
    Database database,
    CollectionStore collections,
    ILogger<RealtimeDispatcher> logger) : BackgroundService
{
    /// <summary>Messages handed to clients between two pauses of a fan-out, at least.</summary>
    public const int SendSlice = 128;

    /// <summary>A fan-out pauses at most this many times, so that a large one still ends in time.</summary>
    public const int MaxPauses = 40;

    private readonly Channel<RealtimeBatch> _batches = Channel.CreateUnbounded<RealtimeBatch>(new UnboundedChannelOptions { SingleReader = true });

    // The collection list is an immutable snapshot replaced on every schema change; seeing a new
    // one is the moment to re-check the auth collections' secrets.
    private IReadOnlyList<Collection>? _seenCollections;

    public void Enqueue(RealtimeBatch batch) => _batches.Writer.TryWrite(batch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(stoppingToken);
        Database.Exec(connection, "PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;");
        using var session = new CheckSession(connection);
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync(stoppingToken))
            {
                await DispatchAsync(session, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered events are dropped, as for a disconnected client.
        }
    }

    private async Task DispatchAsync(CheckSession session, RealtimeBatch batch)
    {
        var all = collections.All;
        if (!ReferenceEquals(all, _seenCollections))
        {
            _seenCollections = all;
            RealtimeAuthSync.ApplyCollections(bus.Clients, all);
        }

        for (var i = 0; i < batch.Changes.Count; i++)
        {
            var change = batch.Changes[i];
            try
            {
                RealtimeAuthSync.Apply(bus.Clients, change);
                var messages = batch.PreparedDeletes.TryGetValue(i, out var prepared)
                    ? prepared
                    : change.Action == "delete" ? [] : await builder.BuildAsync(session, change, bus.Clients);
                var slice = Math.Max(SendSlice, messages.Count / MaxPauses);
                for (var m = 0; m < messages.Count; m++)
                {
                    messages[m].Client.TrySend(messages[m].Message);
                    if ((m + 1) % slice == 0)
                    {
                        // The pauses spread a large fan-out so that requests arriving meanwhile
                        // get the CPU between slices (docs/realtime.md, "Socket writes": 1,000
                        // subscribers at 20/s, CRUD p99 ratio 2.0x without slices of 128, 1.2x
                        // with them). A pause is a timer tick (1-2 ms), so a fan-out to 10,000
                        // pauses 40 times, not 78, to stay within its delivery target. Queued
                        // streams' pumps also get to write their slice before the next one.
                        await Task.Delay(1);
                    }
                }
            }
            catch (Exception e)
            {
                // One failing change must not stop the delivery of the others, nor the worker.
                logger.LogWarning(e, "Realtime delivery of {Action} {Collection}/{Id} failed", change.Action, change.Collection.Name, change.Record.Id);
            }
        }
    }
}
