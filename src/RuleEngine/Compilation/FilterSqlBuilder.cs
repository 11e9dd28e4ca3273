using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// Walks the tree: logical nodes become parenthesised AND/OR, comparisons are resolved and written.
/// A plain operator on a multi-valued path also requires that no value fails
/// (<c>NOT EXISTS</c> over the subquery copy of the path), which gives "all" semantics.
/// </summary>
internal static class FilterSqlBuilder
{
    public static string Build(FilterNode node, CompileScope scope) => Visit(node, scope, new OperandResolver(scope));

    private static string Visit(FilterNode node, CompileScope scope, OperandResolver resolver) => node switch
    {
        LogicalNode logical =>
            $"({Visit(logical.Left, scope, resolver)} {(logical.Operator == LogicalOperator.And ? "AND" : "OR")} {Visit(logical.Right, scope, resolver)})",
        ComparisonNode comparison => Comparison(comparison, scope, resolver),
        _ => throw new FilterBindException("unsupported expression"),
    };

    private static string Comparison(ComparisonNode node, CompileScope scope, OperandResolver resolver)
    {
        var left = resolver.Resolve(node.Left);
        var right = resolver.Resolve(node.Right);
        var sql = ComparisonSql.Write(left, node.Operator, right, scope);
        if (!node.AnyOf && (left.MultiSelect is not null || right.MultiSelect is not null))
        {
            sql = $"({sql} AND {NoneFails(left, node.Operator, right, scope)})";
        }

        var constraints = left.Constraints.Concat(right.Constraints).Distinct().ToList();
        return constraints.Count == 0 ? sql : $"({sql} AND {string.Join(" AND ", constraints)})";
    }

    private static string NoneFails(SqlOperand left, ComparisonOperator op, SqlOperand right, CompileScope scope)
    {
        string from;
        if (left.MultiSelect is not null && right.MultiSelect is not null)
        {
            from = $"({left.MultiSelect}) {scope.Quote("__sml")} LEFT JOIN ({right.MultiSelect}) {scope.Quote("__smr")}";
            left = Item(left, "__sml", scope);
            right = Item(right, "__smr", scope);
        }
        else if (left.MultiSelect is not null)
        {
            from = $"({left.MultiSelect}) {scope.Quote("__sm")}";
            left = Item(left, "__sm", scope);
        }
        else
        {
            from = $"({right.MultiSelect}) {scope.Quote("__sm")}";
            right = Item(right, "__sm", scope);
        }

        return $"NOT EXISTS (SELECT 1 FROM {from} WHERE NOT ({ComparisonSql.Write(left, op, right, scope)}))";
    }

    private static SqlOperand Item(SqlOperand multi, string alias, CompileScope scope) =>
        SqlOperand.Expression(scope.Column(alias, "__v")) with { NoCoalesce = multi.NoCoalesce };
}
