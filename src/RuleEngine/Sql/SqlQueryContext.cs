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
    private readonly List<string> _conditions = [];

    /// <summary>The unquoted alias of the queried table; upstream uses the collection name.</summary>
    public string MainAlias { get; } = mainAlias;

    public IReadOnlyList<SqlJoin> Joins => _joins;

    /// <summary>Parameter name (without prefix) to value: string, double, long, bool or null.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => _parameters;

    /// <summary>
    /// Conditions the query's WHERE must include besides the compiled filters: a non-superuser's sort
    /// through a relation adds the related collection's list rule here, as upstream does, so records
    /// whose related row the caller cannot list drop out of the result.
    /// </summary>
    public IReadOnlyList<string> Conditions => _conditions;

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

    /// <summary>Adds a WHERE condition unless the same text is already there.</summary>
    public void AddCondition(string sql)
    {
        if (!_conditions.Contains(sql))
        {
            _conditions.Add(sql);
        }
    }

    /// <summary>Binds a value and returns its name (without prefix).</summary>
    public string AddParameter(object? value)
    {
        var name = "p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters[name] = value;
        return name;
    }
}
