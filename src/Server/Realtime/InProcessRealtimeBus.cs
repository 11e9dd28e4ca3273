using System.Collections.Concurrent;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>The single-instance bus: a concurrent map of the clients connected to this process.</summary>
public sealed class InProcessRealtimeBus : IRealtimeBus
{
    private readonly ConcurrentDictionary<string, RealtimeClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _snapshotLock = new();

    // Broadcasting enumerates all clients for every change; an immutable snapshot rebuilt on
    // (rare) connects and disconnects keeps that enumeration free of locks and allocations.
    private volatile RealtimeClient[] _snapshot = [];

    public IReadOnlyCollection<RealtimeClient> Clients => _snapshot;

    public void Register(RealtimeClient client)
    {
        if (!_clients.TryAdd(client.Id, client))
        {
            throw new InvalidOperationException("A realtime client with this id is already registered.");
        }

        RefreshSnapshot();
    }

    public void Unregister(RealtimeClient client)
    {
        if (_clients.TryRemove(new KeyValuePair<string, RealtimeClient>(client.Id, client)))
        {
            RefreshSnapshot();
        }
    }

    public RealtimeClient? Find(string clientId) => _clients.GetValueOrDefault(clientId);

    public bool Send(string clientId, RealtimeMessage message) =>
        _clients.TryGetValue(clientId, out var client) && client.TrySend(message);

    public void CloseAll()
    {
        foreach (var client in _clients.Values)
        {
            client.Close();
        }
    }

    private void RefreshSnapshot()
    {
        lock (_snapshotLock)
        {
            _snapshot = [.. _clients.Values];
        }
    }
}
