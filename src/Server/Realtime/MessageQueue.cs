using System.Threading.Tasks.Sources;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// A client's bounded queue: many writers, one reader (the stream's pump). It replaces a
/// <c>BoundedChannel</c>, which with its four reusable wait objects and its buffer took about
/// 500 bytes per client whether or not a message ever waited; with socket writes the queue is
/// almost always empty, so its ring is allocated only when a message has to wait.
/// </summary>
internal sealed class MessageQueue(int capacity) : IValueTaskSource<bool>
{
    private RealtimeMessage?[]? _ring;
    private int _head;
    private int _count;
    private bool _completed;
    private bool _waiting;
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };

    public int Count
    {
        get
        {
            lock (this)
            {
                return _count;
            }
        }
    }

    /// <summary>False when the queue is full or completed.</summary>
    public bool TryWrite(RealtimeMessage message)
    {
        lock (this)
        {
            if (_completed || _count == capacity)
            {
                return false;
            }

            if (_ring is null || _count == _ring.Length)
            {
                Grow();
            }

            _ring![(_head + _count) % _ring.Length] = message;
            _count++;
            if (!_waiting)
            {
                return true;
            }

            _waiting = false;
        }

        // Outside the lock: the pump continues on the thread pool (RunContinuationsAsynchronously).
        _waiter.SetResult(true);
        return true;
    }

    public bool TryRead(out RealtimeMessage message)
    {
        lock (this)
        {
            if (_count == 0)
            {
                message = null!;
                return false;
            }

            message = _ring![_head]!;
            _ring[_head] = null;
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }

    /// <summary>True when a message can be read; false once the queue is completed and empty. One caller at a time.</summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (this)
        {
            if (_count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            _waiter.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    /// <summary>No more writes; the reader still gets what is queued.</summary>
    public void Complete()
    {
        lock (this)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
        }

        _waiter.SetResult(false);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    private void Grow()
    {
        var larger = new RealtimeMessage?[Math.Min(capacity, Math.Max(4, (_ring?.Length ?? 0) * 2))];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = _ring![(_head + i) % _ring.Length];
        }

        _ring = larger;
        _head = 0;
    }
}
