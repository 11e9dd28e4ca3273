namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>
/// Two filters joined by <c>&amp;&amp;</c> or <c>||</c>. Chains are left-nested
/// (<c>a &amp;&amp; b &amp;&amp; c</c> is <c>(a &amp;&amp; b) &amp;&amp; c</c>); parentheses leave no node of their own.
/// </summary>
public sealed record LogicalNode(LogicalOperator Operator, FilterNode Left, FilterNode Right) : FilterNode;
