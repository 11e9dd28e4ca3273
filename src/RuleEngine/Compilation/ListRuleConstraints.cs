namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// The related list rules a non-superuser's client filter must satisfy, one per joined alias. As
/// upstream, they are ANDed to the whole filter (not to the comparison that made the join), so a
/// record whose related row the caller cannot list is excluded even when another <c>||</c> branch
/// matches. "All" subqueries do not repeat them (upstream neither).
/// </summary>
internal sealed class ListRuleConstraints
{
    private readonly List<(string Alias, string Sql)> _items = [];

    public IEnumerable<string> Sql => _items.Select(i => i.Sql);

    public int Count => _items.Count;

    public bool Contains(string alias) => _items.Exists(i => i.Alias == alias);

    public void Add(string alias, string sql) => _items.Add((alias, sql));
}
