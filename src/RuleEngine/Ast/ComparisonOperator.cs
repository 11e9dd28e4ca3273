namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>The eight comparison operators; each also has an any-of form (see <see cref="ComparisonNode.AnyOf"/>).</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Like,
    NotLike,
}
