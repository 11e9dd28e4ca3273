using System.Text;
using PocketBaseSharp.RuleEngine.Ast;
using PocketBaseSharp.RuleEngine.Compilation;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Compiles rules, filters and sorts into SQL fragments over <see cref="SqlQueryContext.MainAlias"/>,
/// adding joins and parameters to the context. Every literal and request value becomes a parameter;
/// identifiers come only from the schema and are quoted by the dialect. Thread-safe; share one
/// <see cref="ParsedFilterCache"/> across instances so rules are parsed once per process.
/// </summary>
public sealed class RuleCompiler(ISchemaLookup schema, ISqlDialect dialect, ParsedFilterCache cache)
{
    public const int MaxExpressionBytes = 3500;
    public const int MaxComparisons = 200;
    public const int MaxSortItems = 8;
    public const int MaxSortItemLength = 255;

    public RuleCompiler(ISchemaLookup schema, ISqlDialect dialect)
        : this(schema, dialect, new ParsedFilterCache())
    {
    }

    /// <summary>A parenthesised SQL boolean expression for <paramref name="expression"/>.</summary>
    /// <exception cref="FilterSyntaxException">Malformed text.</exception>
    /// <exception cref="FilterBindException">Unknown field, hidden field, locked relation, limits, …</exception>
    public string CompileFilter(string expression, CollectionSchema collection, RequestInfo request, SqlQueryContext ctx, FilterAccess access)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (Encoding.UTF8.GetByteCount(expression) > MaxExpressionBytes)
        {
            throw new FilterBindException($"the expression is longer than {MaxExpressionBytes} bytes");
        }

        var node = cache.GetOrParse(expression);
        if (CountComparisons(node) > MaxComparisons)
        {
            throw new FilterBindException($"the expression has more than {MaxComparisons} comparisons");
        }

        var listRules = new ListRuleConstraints();
        var sql = FilterSqlBuilder.Build(node, Scope(collection, request, ctx, access, listRules));
        sql = node is LogicalNode ? sql : "(" + sql + ")";

        // Related list rules constrain the whole filter, as upstream adds them to the query's WHERE.
        return listRules.Count == 0 ? sql : "(" + sql + " AND " + string.Join(" AND ", listRules.Sql) + ")";
    }

    /// <summary>
    /// Checks a rule when a collection is saved: compiles it with an empty request (no auth, no body),
    /// as upstream does. Null and empty rules are always valid.
    /// </summary>
    /// <exception cref="FilterException">The rule is malformed or does not fit the schema.</exception>
    public void ValidateRule(string? rule, CollectionSchema collection)
    {
        if (!string.IsNullOrEmpty(rule))
        {
            CompileFilter(rule, collection, new RequestInfo(), new SqlQueryContext(collection.Name), FilterAccess.Rule);
        }
    }

    /// <summary>ORDER BY items such as <c>"posts"."created" DESC</c>.</summary>
    /// <exception cref="FilterSyntaxException">Malformed item.</exception>
    /// <exception cref="FilterBindException">Unknown field, constant item, too many items, …</exception>
    public IReadOnlyList<string> CompileSort(string sort, CollectionSchema collection, RequestInfo request, SqlQueryContext ctx, FilterAccess access)
    {
        var items = SortParser.Parse(sort);
        if (items.Count > MaxSortItems)
        {
            throw new FilterBindException($"at most {MaxSortItems} sort items are allowed");
        }

        return items.Select(item => SortExpression(item, Scope(collection, request, ctx, access, new ListRuleConstraints())) + (item.Descending ? " DESC" : " ASC")).ToList();
    }

    private static string SortExpression(SortItem item, CompileScope scope)
    {
        if (item.Path.Length > MaxSortItemLength)
        {
            throw new FilterBindException($"a sort item may be at most {MaxSortItemLength} characters long");
        }

        switch (item.Path)
        {
            case "@random":
                return "RANDOM()";
            case "@rowid":
                return scope.Column(scope.BaseAlias, "_rowid_");
        }

        var operand = new OperandResolver(scope).Resolve(new IdentifierOperand(item.Path));
        if (operand.Kind != OperandKind.Expression)
        {
            throw new FilterBindException($"cannot sort by '{item.Path}': it is not a field");
        }

        // A client's sort through a related collection only sees values that collection lets it list.
        // (Upstream adds these conditions to the WHERE instead; a sort has no WHERE of its own here.)
        var constraints = operand.Constraints.Concat(scope.ListRules.Sql).ToList();
        return constraints.Count == 0
            ? operand.Sql!
            : $"(CASE WHEN {string.Join(" AND ", constraints)} THEN {operand.Sql} END)";
    }

    private CompileScope Scope(CollectionSchema collection, RequestInfo request, SqlQueryContext ctx, FilterAccess access, ListRuleConstraints listRules) =>
        new(schema, dialect, cache, request, ctx, access, collection, ctx.MainAlias, listRules);

    private static int CountComparisons(FilterNode node) => node switch
    {
        LogicalNode logical => CountComparisons(logical.Left) + CountComparisons(logical.Right),
        _ => 1,
    };
}
