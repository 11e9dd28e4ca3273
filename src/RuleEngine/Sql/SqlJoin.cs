namespace PocketBaseSharp.RuleEngine.Sql;

/// <summary>One <c>LEFT JOIN {Table} {Alias} ON {On}</c> clause; <see cref="On"/> null means no condition (cross join).</summary>
public sealed record SqlJoin(string Table, string Alias, string? On);
