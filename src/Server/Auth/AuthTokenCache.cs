using System.Collections.Concurrent;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Auth tokens that passed verification, with the record they resolved to, so that a client's
/// next requests skip the JWT parse, the HMAC and the read of its auth record (a third of an
/// authenticated getOne's server time; docs/benchmarks.md, History, item 13). An entry answers
/// only while nothing could have changed that answer:
/// <list type="bullet">
/// <item>no write transaction of this process ended on the database since the record was read
/// (<see cref="Data.Database.WriteVersion"/>: a new password, tokenKey, email, a deleted record or
/// a rotated collection secret all arrive by one);</item>
/// <item>the collection is still the same snapshot (schema and token secrets);</item>
/// <item>the token has not expired;</item>
/// <item>the entry is younger than <see cref="MaxAge"/>, which bounds how long a write by another
/// process (the CLI, a sqlite3 shell) can go unseen.</item>
/// </list>
/// Hits hand out a copy: handlers may change the record they are given.
/// </summary>
public sealed class AuthTokenCache
{
    /// <summary>The longest an entry is trusted without a re-read.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Entries kept; at this size the cache is emptied (its entries live a second at most anyway).</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A copy of the record <paramref name="token"/> resolved to, or null when it must be verified again.</summary>
    public Record? Find(string token, long writeVersion, CollectionStore collections)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.WriteVersion != writeVersion
            || Environment.TickCount64 - entry.CachedAt > (long)MaxAge.TotalMilliseconds
            || DateTimeOffset.UtcNow.ToUnixTimeSeconds() > entry.Expires
            || !ReferenceEquals(collections.Find(entry.Record.Collection.Id), entry.Record.Collection))
        {
            _entries.TryRemove(KeyValuePair.Create(token, entry));
            return null;
        }

        return entry.Record.Clone();
    }

    /// <summary>
    /// Remembers a verified token. <paramref name="writeVersion"/> must have been read before the
    /// record was: a write that ended in between then makes the entry stale at once.
    /// </summary>
    public void Add(string token, Record record, long expires, long writeVersion)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[token] = new Entry(record.Clone(), expires, writeVersion, Environment.TickCount64);
    }

    private sealed record Entry(Record Record, long Expires, long WriteVersion, long CachedAt);
}
