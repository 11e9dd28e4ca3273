namespace PocketBaseSharp.Server.Data;

/// <summary>
/// Default publisher: fans the two phases out to the registered <see cref="IRecordChangeListener"/>s
/// and to callbacks added with <see cref="Subscribe"/> (which are only told after commit).
/// </summary>
public sealed class InProcessRecordChangePublisher(IEnumerable<IRecordChangeListener> listeners) : IRecordChangePublisher
{
    private readonly List<IRecordChangeListener> _listeners = [.. listeners];
    private readonly Lock _lock = new();
    private readonly List<Func<IReadOnlyList<RecordChange>, Task>> _subscribers = [];

    /// <summary>Adds a callback run after each commit; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Func<IReadOnlyList<RecordChange>, Task> onCommitted)
    {
        lock (_lock)
        {
            _subscribers.Add(onCommitted);
        }

        return new Subscription(() =>
        {
            lock (_lock)
            {
                _subscribers.Remove(onCommitted);
            }
        });
    }

    public async Task<IPreparedRecordChanges> PrepareAsync(IReadOnlyList<RecordChange> changes)
    {
        var prepared = new List<IPreparedRecordChanges>();
        foreach (var listener in _listeners)
        {
            prepared.Add(await listener.PrepareAsync(changes));
        }

        Func<IReadOnlyList<RecordChange>, Task>[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        return new Prepared(prepared, subscribers, changes);
    }

    private sealed class Prepared(
        List<IPreparedRecordChanges> prepared,
        Func<IReadOnlyList<RecordChange>, Task>[] subscribers,
        IReadOnlyList<RecordChange> changes) : IPreparedRecordChanges
    {
        public async Task SendAsync()
        {
            foreach (var p in prepared)
            {
                await p.SendAsync();
            }

            foreach (var subscriber in subscribers)
            {
                await subscriber(changes);
            }
        }

        public void Discard()
        {
            foreach (var p in prepared)
            {
                p.Discard();
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
