namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>A quoted text literal, unescaped.</summary>
public sealed record TextOperand(string Value) : Operand;
