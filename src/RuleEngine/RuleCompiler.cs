using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Compiles rules, filters and sorts into SQL fragments over <see cref="SqlQueryContext.MainAlias"/>,
/// adding joins and parameters to the context. Every literal and request value becomes a parameter;
/// identifiers come only from the schema and are quoted by the dialect.
/// </summary>
public sealed class RuleCompiler(ISchemaLookup schema, ISqlDialect dialect, ParsedFilterCache cache)
{
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
        var node = cache.GetOrParse(expression);
        _ = (schema, dialect, collection, request, ctx, access, node);
        throw new FilterBindException("filter compilation is not supported yet");
    }

    /// <summary>ORDER BY items such as <c>"posts"."created" DESC</c>.</summary>
    public IReadOnlyList<string> CompileSort(string sort, CollectionSchema collection, RequestInfo request, SqlQueryContext ctx, FilterAccess access)
    {
        var items = SortParser.Parse(sort);
        _ = (collection, request, ctx, access, items);
        throw new FilterBindException("sort compilation is not supported yet");
    }
}
