using System.Collections.Concurrent;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Counts attempts per key in a fixed window (OTP: 5 per 180 s per record, auth-tokens.md §7) so a
/// short numeric code cannot be guessed by brute force.
/// </summary>
public sealed class AttemptLimiter(TimeProvider time)
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(180);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _attempts = new(StringComparer.Ordinal);

    /// <summary>Registers one attempt; false once the key has used up its attempts in the current window.</summary>
    public bool TryAttempt(string key)
    {
        var now = time.GetUtcNow();
        if (_attempts.Count > 10_000)
        {
            foreach (var (k, v) in _attempts)
            {
                if (now - v.Start >= Window)
                {
                    _attempts.TryRemove(k, out _);
                }
            }
        }

        var entry = _attempts.AddOrUpdate(key, _ => (now, 1), (_, v) => now - v.Start >= Window ? (now, 1) : (v.Start, v.Count + 1));
        return entry.Count <= MaxAttempts;
    }
}
