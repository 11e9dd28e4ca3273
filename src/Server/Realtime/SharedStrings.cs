using System.Collections.Concurrent;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// One instance per distinct value for the short strings every client holds a copy of (its IP,
/// its topics): 10,000 clients of one app hold a handful of distinct values, not 10,000 copies.
/// Bounded by clearing, so values sent by clients cannot grow it without limit.
/// </summary>
internal static class SharedStrings
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 256;

    private static readonly ConcurrentDictionary<string, string> Values = new(StringComparer.Ordinal);

    public static string Share(string value)
    {
        if (value.Length > MaxLength)
        {
            return value;
        }

        if (Values.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (Values.Count >= MaxEntries)
        {
            Values.Clear();
        }

        return Values.GetOrAdd(value, value);
    }
}
