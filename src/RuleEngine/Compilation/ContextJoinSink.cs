using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

internal sealed class ContextJoinSink(SqlQueryContext ctx) : IJoinSink
{
    public void Add(SqlJoin join, bool multipliesRows) => ctx.AddJoin(join, multipliesRows);
}
