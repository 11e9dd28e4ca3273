namespace PocketBaseSharp.RuleEngine.Sql;

/// <summary>
/// Collects what several compiled parts of one query share: the joins (deduplicated by alias) and
/// the bound parameters (uniquely named). The server compiles the rule, the client filter and the
/// sort into one context, then builds
/// <c>SELECT [DISTINCT] {MainAlias}.* FROM {table} {MainAlias} {joins} WHERE … ORDER BY …</c>.
/// </summary>
public sealed class SqlQueryContext(string mainAlias)
{
    private readonly List<SqlJoin> _joins = [];
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);

    /// <summary>The unquoted alias of the queried table; upstream uses the collection name.</summary>
    public string MainAlias { get; } = mainAlias;

    public IReadOnlyList<SqlJoin> Joins => _joins;

    /// <summary>Parameter name (without prefix) to value: string, double, long, bool or null.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => _parameters;

    /// <summary>True when a join that can multiply rows was added, so the query must use DISTINCT.</summary>
    public bool NeedsDistinct { get; private set; }

    /// <summary>Adds a join unless one with the same alias exists.</summary>
    public void AddJoin(SqlJoin join, bool multipliesRows = true)
    {
        if (_joins.Exists(j => j.Alias == join.Alias))
        {
            return;
        }

        _joins.Add(join);
        NeedsDistinct |= multipliesRows;
    }

    /// <summary>Binds a value and returns its name (without prefix).</summary>
    public string AddParameter(object? value)
    {
        var name = "p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters[name] = value;
        return name;
    }
}
