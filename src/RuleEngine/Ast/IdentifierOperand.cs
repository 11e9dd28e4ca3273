namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>
/// A field path, request variable, macro or keyword exactly as written, modifier included:
/// <c>author.name</c>, <c>@request.auth.id</c>, <c>tags:each</c>, <c>@now</c>, <c>true</c>.
/// </summary>
public sealed record IdentifierOperand(string Name) : Operand;
