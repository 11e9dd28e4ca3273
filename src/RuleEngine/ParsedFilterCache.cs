using System.Collections.Concurrent;
using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Thread-safe, size-capped cache of parsed expressions keyed by their exact text. Rules repeat on
/// every request, so parsing them once saves most of the work. When full, an arbitrary half is
/// dropped: cheap, and hot rules come straight back. Syntax errors are not cached.
/// Register one instance for the application and pass it to every <see cref="RuleCompiler"/>.
/// </summary>
public sealed class ParsedFilterCache(int capacity = 1000)
{
    private readonly ConcurrentDictionary<string, FilterNode> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public FilterNode GetOrParse(string expression)
    {
        if (_entries.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        var parsed = FilterParser.Parse(expression);
        if (_entries.Count >= capacity)
        {
            foreach (var key in _entries.Keys.Take(Math.Max(1, capacity / 2)))
            {
                _entries.TryRemove(key, out _);
            }
        }

        _entries[expression] = parsed;
        return parsed;
    }
}
