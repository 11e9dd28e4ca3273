namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>One side of a comparison or a function argument.</summary>
public abstract record Operand;
