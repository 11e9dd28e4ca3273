namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary><c>&amp;&amp;</c> binds tighter than <c>||</c>, as in SQL.</summary>
public enum LogicalOperator
{
    And,
    Or,
}
