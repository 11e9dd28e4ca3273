namespace PocketBaseSharp.RuleEngine.Sql;

/// <summary>
/// One <c>LEFT JOIN {Table} {Alias} ON {On}</c> clause; <see cref="On"/> null means no condition
/// (cross join). <see cref="Table"/> and <see cref="Alias"/> are SQL text, already quoted by the
/// dialect (a table can be a table-valued function such as <c>json_each(…)</c>).
/// </summary>
public sealed record SqlJoin(string Table, string Alias, string? On)
{
    public string ToSql() => On is null ? $"LEFT JOIN {Table} {Alias}" : $"LEFT JOIN {Table} {Alias} ON {On}";
}
