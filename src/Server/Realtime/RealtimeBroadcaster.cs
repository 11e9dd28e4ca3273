using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The realtime side of the record write path. Before commit it builds the messages of every
/// deleted record (cascades and batches included) while reader connections still see the rows,
/// so rules that refer to a deleted parent still pass; after commit it hands the whole batch to
/// the <see cref="RealtimeDispatcher"/>; after a rollback it forgets it.
/// </summary>
public sealed class RealtimeBroadcaster(
    IRealtimeBus bus,
    RealtimeMessageBuilder builder,
    RealtimeDispatcher dispatcher,
    Database database,
    ILogger<RealtimeBroadcaster> logger) : IRecordChangeListener
{
    public async Task<IPreparedRecordChanges> PrepareAsync(IReadOnlyList<RecordChange> changes)
    {
        var deletes = new Dictionary<int, List<(RealtimeClient, RealtimeMessage)>>();
        var clients = bus.Clients;
        if (clients.Count > 0 && changes.Any(c => c.Action == "delete"))
        {
            try
            {
                await database.ReadAsync(async db =>
                {
                    using var session = new CheckSession(db);
                    for (var i = 0; i < changes.Count; i++)
                    {
                        if (changes[i].Action == "delete")
                        {
                            deletes[i] = await builder.BuildAsync(session, changes[i], clients);
                        }
                    }

                    return deletes.Count;
                });
            }
            catch (Exception e)
            {
                // Realtime never fails a write; the deletes are then simply not announced.
                logger.LogWarning(e, "Preparing realtime delete events failed");
                deletes.Clear();
            }
        }

        return new Prepared(dispatcher, new RealtimeBatch(changes, deletes));
    }

    private sealed class Prepared(RealtimeDispatcher dispatcher, RealtimeBatch batch) : IPreparedRecordChanges
    {
        public Task SendAsync()
        {
            dispatcher.Enqueue(batch);
            return Task.CompletedTask;
        }

        public void Discard()
        {
            // Nothing was queued: the prepared delete messages are dropped with this object.
        }
    }
}
