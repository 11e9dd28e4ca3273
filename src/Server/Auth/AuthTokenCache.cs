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
/// <item>the collections are still the same snapshot (<see cref="CollectionStore.All"/>, replaced
/// on every schema change: schema and token secrets), one reference comparison per hit;</item>
/// <item>the token has not expired;</item>
/// <item>the entry is younger than its maximum age (a second by default), which bounds how long a
/// write by another process (the CLI, a sqlite3 shell) can go unseen.</item>
/// </list>
/// Hits hand out a copy: handlers may change the record they are given. A request that reads in the
/// instant between a write's commit and the counter's rise still gets the old record, as one that
/// started just before the commit would; the write's own response goes out after the rise.
/// </summary>
public sealed class AuthTokenCache(TimeSpan maxAge)
{
    /// <summary>The longest an entry is trusted without a re-read, unless the constructor says otherwise.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Entries kept. When full, entries past their age go first, then all.</summary>
    public const int Capacity = 1024;

    /// <summary>Records larger than this (roughly, in bytes) are not kept: a hit copies the record.</summary>
    public const int MaxRecordSize = 16 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _count;

    public AuthTokenCache()
        : this(DefaultMaxAge)
    {
    }

    /// <summary>A copy of the record <paramref name="token"/> resolved to, or null when it must be verified again.</summary>
    public Record? Find(string token, long writeVersion, IReadOnlyList<Collection> collections)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.WriteVersion != writeVersion
            || IsOld(entry)
            || DateTimeOffset.UtcNow.ToUnixTimeSeconds() > entry.Expires
            || !ReferenceEquals(collections, entry.Collections))
        {
            Remove(token, entry);
            return null;
        }

        return entry.Record.Clone();
    }

    /// <summary>
    /// Remembers a verified token. <paramref name="writeVersion"/> and <paramref name="collections"/>
    /// must have been read before the record was: a write or a schema change in between then makes
    /// the entry stale at once.
    /// </summary>
    public void Add(string token, Record record, long expires, long writeVersion, IReadOnlyList<Collection> collections)
    {
        if (SizeOf(record) > MaxRecordSize)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            foreach (var (key, old) in _entries)
            {
                if (IsOld(old))
                {
                    Remove(key, old);
                }
            }

            if (Volatile.Read(ref _count) >= Capacity)
            {
                _entries.Clear();
                Volatile.Write(ref _count, 0);
            }
        }

        var entry = new Entry(record.Clone(), expires, writeVersion, collections, Environment.TickCount64);
        if (_entries.TryAdd(token, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[token] = entry;
        }
    }

    private bool IsOld(Entry entry) => Environment.TickCount64 - entry.CachedAt > (long)maxAge.TotalMilliseconds;

    private void Remove(string token, Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(token, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private static long SizeOf(Record record)
    {
        long size = 0;
        foreach (var value in record.Values.Values)
        {
            size += value switch
            {
                string s => 2 * s.Length,
                List<string> l => l.Sum(x => 2L * x.Length),
                System.Text.Json.Nodes.JsonNode n => 2 * n.ToJsonString().Length,
                _ => 16,
            };
        }

        return size;
    }

    private sealed record Entry(Record Record, long Expires, long WriteVersion, IReadOnlyList<Collection> Collections, long CachedAt);
}
