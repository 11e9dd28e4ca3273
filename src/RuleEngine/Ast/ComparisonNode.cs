namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary><c>left op right</c>; <see cref="AnyOf"/> marks the <c>?</c> forms (<c>?=</c>, <c>?~</c>, …).</summary>
public sealed record ComparisonNode(Operand Left, ComparisonOperator Operator, bool AnyOf, Operand Right) : FilterNode;
