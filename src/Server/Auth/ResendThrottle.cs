using System.Collections.Concurrent;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// At most one email per record and purpose per window (upstream: 2 minutes for verification and
/// password reset), so the request routes cannot be used to flood a mailbox.
/// </summary>
public sealed class ResendThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);

    /// <summary>True (and the window starts) when nothing was sent for this key within the window.</summary>
    public bool TryAcquire(string purpose, string collectionId, string recordId)
    {
        var now = time.GetUtcNow();
        if (_sent.Count > 10_000)
        {
            foreach (var (key, at) in _sent)
            {
                if (now - at >= Window)
                {
                    _sent.TryRemove(key, out _);
                }
            }
        }

        var k = purpose + "\n" + collectionId + "\n" + recordId;
        var acquired = false;
        _sent.AddOrUpdate(k, _ => { acquired = true; return now; }, (_, at) =>
        {
            if (now - at < Window)
            {
                return at;
            }

            acquired = true;
            return now;
        });
        return acquired;
    }
}
