using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

/// <summary>Short constructors so expected trees read like the filters they stand for.</summary>
internal static class AstBuilders
{
    public static IdentifierOperand Id(string name) => new(name);

    public static TextOperand Text(string value) => new(value);

    public static NumberOperand Num(string text) => new(text);

    public static FunctionOperand Call(string name, params Operand[] args) => new(name, args);

    public static ComparisonNode Cmp(Operand left, ComparisonOperator op, Operand right, bool anyOf = false) => new(left, op, anyOf, right);

    public static ComparisonNode Eq(string field, string value) => Cmp(Id(field), ComparisonOperator.Equal, Text(value));

    public static LogicalNode And(FilterNode left, FilterNode right) => new(LogicalOperator.And, left, right);

    public static LogicalNode Or(FilterNode left, FilterNode right) => new(LogicalOperator.Or, left, right);
}
