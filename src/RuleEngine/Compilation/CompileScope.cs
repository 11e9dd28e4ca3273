using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>Everything one compilation reads: the record's collection and alias, the request, who wrote the text.</summary>
internal sealed record CompileScope(
    ISchemaLookup Schema,
    ISqlDialect Dialect,
    ParsedFilterCache Cache,
    RequestInfo Request,
    SqlQueryContext Ctx,
    FilterAccess Access,
    CollectionSchema Collection,
    string BaseAlias,
    ListRuleConstraints ListRules)
{
    /// <summary>
    /// Appended to every join alias this scope creates. A related list rule is compiled with its own
    /// suffix so its joins never share rows with the filter's joins (upstream gives them unique aliases).
    /// </summary>
    public string JoinSuffix { get; init; } = "";

    /// <summary>The alias of a join reached from <paramref name="alias"/> through <paramref name="segment"/>.</summary>
    public string JoinAlias(string alias, string segment) => alias + "__" + segment + JoinSuffix;

    public string Quote(string identifier) => Dialect.QuoteIdentifier(identifier);

    public string Column(string alias, string column) => Quote(alias) + "." + Quote(column);

    /// <summary>Binds a value and returns its placeholder.</summary>
    public string Bind(object? value) => Dialect.Parameter(Ctx.AddParameter(value));

    /// <summary>The SQL of an operand, binding it first when it is a parameter.</summary>
    public string Write(SqlOperand operand) => operand.Kind == OperandKind.Parameter ? Bind(operand.Value) : operand.Sql!;
}
