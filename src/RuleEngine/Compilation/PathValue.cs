namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>The SQL a field path resolved to, and what the comparison must know about it.</summary>
/// <param name="HoldsItems">The path ends at a select, file or relation field, so <c>:length</c> counts its items.</param>
internal sealed record PathValue(string Sql, bool IsMulti, bool NoCoalesce, IReadOnlyList<string> Constraints, bool HoldsItems);
