using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>Collects the joins of one subquery, deduplicated by alias like the main context.</summary>
internal sealed class ListJoinSink : IJoinSink
{
    public List<SqlJoin> Joins { get; } = [];

    public void Add(SqlJoin join, bool multipliesRows)
    {
        if (!Joins.Exists(j => j.Alias == join.Alias))
        {
            Joins.Add(join);
        }
    }
}
