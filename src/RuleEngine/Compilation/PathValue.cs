namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>The SQL a field path resolved to, and what the comparison must know about it.</summary>
internal sealed record PathValue(string Sql, bool IsMulti, bool NoCoalesce, IReadOnlyList<string> Constraints);
