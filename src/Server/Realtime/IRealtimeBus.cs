namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The broker between the SSE streams and whatever produces messages: it knows the connected
/// clients and delivers messages to them by id. The in-process implementation keeps everything in
/// memory; an implementation shared by several server instances would keep the registry (id, IP,
/// auth, subscriptions) in a shared store and route <see cref="Send"/> to the instance that holds
/// the stream, without any change to the endpoints or the broadcaster.
/// </summary>
public interface IRealtimeBus
{
    void Register(RealtimeClient client);

    /// <summary>Removes the client if it is still the one registered under its id.</summary>
    void Unregister(RealtimeClient client);

    RealtimeClient? Find(string clientId);

    /// <summary>A snapshot of the connected clients, safe to enumerate while clients come and go.</summary>
    IReadOnlyCollection<RealtimeClient> Clients { get; }

    /// <summary>Queues a message for a client; false when it is gone or was dropped for being too slow.</summary>
    bool Send(string clientId, RealtimeMessage message);

    /// <summary>Closes every stream (graceful shutdown).</summary>
    void CloseAll();
}
