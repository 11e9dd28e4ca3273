using System.Collections.Concurrent;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>The single-instance bus: a concurrent map of the clients connected to this process.</summary>
public sealed class InProcessRealtimeBus : IRealtimeBus
{
    private readonly ConcurrentDictionary<string, RealtimeClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _snapshotLock = new();

    // Broadcasting enumerates all clients for every change; an immutable snapshot keeps that
    // enumeration free of locks and allocations. It is rebuilt lazily, on the first read after a
    // connect or disconnect: rebuilding it on each of 10,000 connects would allocate 10,000 ever
    // larger arrays (large-object heap garbage, quadratic in the number of clients).
    private volatile RealtimeClient[]? _snapshot = [];
    private int _version;

    public IReadOnlyCollection<RealtimeClient> Clients => _snapshot ?? RefreshSnapshot();

    public void Register(RealtimeClient client)
    {
        if (!_clients.TryAdd(client.Id, client))
        {
            throw new InvalidOperationException("A realtime client with this id is already registered.");
        }

        Invalidate();
    }

    public void Unregister(RealtimeClient client)
    {
        if (_clients.TryRemove(new KeyValuePair<string, RealtimeClient>(client.Id, client)))
        {
            Invalidate();
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

    private void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _snapshot = null;
    }

    private RealtimeClient[] RefreshSnapshot()
    {
        lock (_snapshotLock)
        {
            if (_snapshot is { } current)
            {
                return current;
            }

            // Cached only if no client came or went while copying; a change after the check
            // clears it again (Invalidate bumps the version before clearing).
            var version = Volatile.Read(ref _version);
            RealtimeClient[] fresh = [.. _clients.Values];
            if (version == Volatile.Read(ref _version))
            {
                _snapshot = fresh;
            }

            return fresh;
        }
    }
}
