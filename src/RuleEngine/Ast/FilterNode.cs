namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>A parsed filter: a comparison or two filters joined by <c>&amp;&amp;</c>/<c>||</c>. Immutable, compared by value.</summary>
public abstract record FilterNode;
