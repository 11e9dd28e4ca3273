using System.Collections.Immutable;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// One connected SSE stream: its id, where it came from, its auth state and subscriptions, and a
/// bounded queue of messages waiting to be written. Producers never wait on the queue: when it is
/// full the client is closed instead, so a stuck reader cannot slow down a writer or other clients.
/// </summary>
public sealed class RealtimeClient : IDisposable
{
    // Bumped by every change of any client's auth, subscriptions or open state, so that a fan-out
    // plan built from them (FanOutPlan) can tell it is still current without walking the clients.
    private static long s_stateVersion;

    private readonly MessageQueue _queue;
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _stateLock = new();
    private volatile ClientState _state = new(null, []);
    private int _isClosed;
    private long _lastActivity;
    private volatile RealtimeSocketWriter? _socket;

    public RealtimeClient(string id, string? remoteIp, int capacity)
    {
        Id = id;
        RemoteIp = remoteIp is null ? null : SharedStrings.Share(remoteIp);
        ConnectedAt = Environment.TickCount64;
        _lastActivity = ConnectedAt;
        _queue = new MessageQueue(capacity);
    }

    /// <summary>Changes whenever any client's auth, subscriptions or open state changed.</summary>
    public static long StateVersion => Interlocked.Read(ref s_stateVersion);

    public string Id { get; }

    public string? RemoteIp { get; }

    public RealtimeAuth? Auth => _state.Auth;

    public ImmutableArray<Subscription> Subscriptions => _state.Subscriptions;

    /// <summary>The messages waiting for the stream's pump.</summary>
    internal MessageQueue Queue => _queue;

    /// <summary>Cancelled when the client was closed (dropped, unregistered or shut down).</summary>
    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => Volatile.Read(ref _isClosed) != 0;

    /// <summary>When the stream was opened (<see cref="Environment.TickCount64"/>, ms).</summary>
    public long ConnectedAt { get; }

    /// <summary>When the stream was opened or last delivered a message (<see cref="Environment.TickCount64"/>, ms).</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>Restarts the idle timeout: called after each message written to the stream.</summary>
    public void MarkActive() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    /// <summary>True when, at <paramref name="now"/>, the stream was idle too long or reached its maximum lifetime.</summary>
    public bool IsExpired(long now, TimeSpan idleTimeout, TimeSpan maxLifetime) =>
        now - LastActivity >= (long)idleTimeout.TotalMilliseconds
        || now - ConnectedAt >= (long)maxLifetime.TotalMilliseconds;

    /// <summary>The socket the stream's messages go straight to, when it has one (<see cref="UseSocket"/>).</summary>
    internal RealtimeSocketWriter? SocketWriter => _socket;

    /// <summary>
    /// Lets messages go straight to <paramref name="socket"/> once the client has subscribed.
    /// Only for a plaintext HTTP/1.1 chunked response: every message is written as one chunk.
    /// Called once, before the pump starts (and so before the client can have subscribed).
    /// </summary>
    internal void UseSocket(System.Net.Sockets.Socket socket) => _socket = new RealtimeSocketWriter(socket);

    /// <summary>
    /// Sends a message straight to the socket when nothing is queued before it, or else queues it
    /// for the pump; a full queue or a broken connection closes the client and returns false.
    /// </summary>
    public bool TrySend(RealtimeMessage message)
    {
        if (_socket is not { } socket)
        {
            return Enqueue(message);
        }

        var failed = false;
        lock (socket.Sync)
        {
            if (socket.Delivered && !socket.Ended && !socket.PumpBusy && _queue.Count == 0 && !IsClosed)
            {
                switch (socket.SendNow(Id, message, out var rest))
                {
                    case SocketSend.Sent:
                        MarkActive();
                        RealtimeMetrics.SocketSends.Add(1);
                        return true;
                    case SocketSend.Blocked:
                        message = rest ?? message;
                        break;
                    default:
                        failed = true;
                        break;
                }
            }

            // Queued under the lock, so that the pump takes it only after a send in progress.
            if (!failed && _queue.TryWrite(message))
            {
                return true;
            }

            // A full queue: the client does not read, so its socket is full too and a last chunk
            // would never get through; the connection is dropped with the client. (A queue that
            // is closed already belongs to a stream ending normally.)
            if (!IsClosed)
            {
                socket.MarkBroken();
            }
        }

        // Outside the lock: closing runs the cancellation callbacks of the pump's wait.
        Close();
        return false;
    }

    /// <summary>
    /// Takes the next queued message for the pump; <paramref name="toSocket"/> says it is to be
    /// sent with <see cref="RealtimeSocketWriter.SendAsync"/> (then call <see cref="Sent"/> after).
    /// </summary>
    internal bool TryTake(out RealtimeMessage message, out bool toSocket)
    {
        if (_socket is not { } socket)
        {
            toSocket = false;
            return _queue.TryRead(out message!);
        }

        lock (socket.Sync)
        {
            toSocket = false;
            if (!_queue.TryRead(out message!))
            {
                return false;
            }

            toSocket = socket.Delivered && !socket.Ended;
            socket.PumpBusy = toSocket;
            return true;
        }
    }

    /// <summary>The pump finished sending a message it took for the socket.</summary>
    internal void Sent()
    {
        if (_socket is { } socket)
        {
            lock (socket.Sync)
            {
                socket.PumpBusy = false;
            }
        }
    }

    /// <summary>
    /// Binds <paramref name="auth"/> and replaces the whole subscription list in one step. Fails,
    /// changing nothing, when the client already has an auth state of another record: a guest may
    /// become authenticated, but an authenticated client never changes or loses its identity here.
    /// </summary>
    public bool TryUpdate(RealtimeAuth? auth, ImmutableArray<Subscription> subscriptions)
    {
        lock (_stateLock)
        {
            if (_state.Auth is { } current && !current.IsSameRecord(auth))
            {
                return false;
            }

            _state = new ClientState(auth, subscriptions);
            Interlocked.Increment(ref s_stateVersion);
        }

        // The client could only subscribe with the id it read from PB_CONNECT: whatever went
        // through Kestrel has arrived, so messages may now go straight to the socket.
        if (_socket is { } socket)
        {
            lock (socket.Sync)
            {
                socket.MarkDelivered();
            }
        }

        return true;
    }

    /// <summary>Removes one subscription by its exact key; false when the client did not have it.</summary>
    public bool TryRemoveSubscription(string key)
    {
        lock (_stateLock)
        {
            var subscriptions = _state.Subscriptions;
            for (var i = 0; i < subscriptions.Length; i++)
            {
                if (string.Equals(subscriptions[i].Key, key, StringComparison.Ordinal))
                {
                    _state = _state with { Subscriptions = subscriptions.RemoveAt(i) };
                    Interlocked.Increment(ref s_stateVersion);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Swaps the auth state if it is still <paramref name="expected"/>; used when the auth record
    /// changed, so that a concurrent subscribe request is not overwritten.
    /// </summary>
    public bool TryReplaceAuth(RealtimeAuth? expected, RealtimeAuth? replacement)
    {
        lock (_stateLock)
        {
            if (!ReferenceEquals(_state.Auth, expected))
            {
                return false;
            }

            _state = _state with { Auth = replacement };
            Interlocked.Increment(ref s_stateVersion);
            return true;
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _isClosed, 1) != 0)
        {
            return;
        }

        Interlocked.Increment(ref s_stateVersion);
        _queue.Complete();
        _closed.Cancel();
    }

    private bool Enqueue(RealtimeMessage message)
    {
        if (_queue.TryWrite(message))
        {
            return true;
        }

        Close();
        return false;
    }

    // The token source is deliberately not disposed: producers may still call Close() from other
    // threads after the stream ended, and a source without timers holds nothing to release.
    public void Dispose() => Close();

    private sealed record ClientState(RealtimeAuth? Auth, ImmutableArray<Subscription> Subscriptions);
}
