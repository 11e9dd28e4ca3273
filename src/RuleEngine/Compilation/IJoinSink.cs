using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>Where a path's joins go: the main query's context, or the private list of an "all" subquery.</summary>
internal interface IJoinSink
{
    void Add(SqlJoin join, bool multipliesRows);
}
