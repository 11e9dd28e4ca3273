namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// A resolved operand. Parameters keep their value (not a placeholder) so the comparison can decide
/// the null/empty form first and bind only what it writes.
/// </summary>
internal sealed record SqlOperand(OperandKind Kind, string? Sql, object? Value)
{
    /// <summary>JSON paths and geoDistance compare with IS/IS NOT, without the null/'' equivalence.</summary>
    public bool NoCoalesce { get; init; }

    /// <summary>
    /// For a multi-valued path: <c>SELECT value AS "__v" FROM … WHERE … = outer id</c>, the same values
    /// per record, used to enforce "all" semantics.
    /// </summary>
    public string? MultiSelect { get; init; }

    public bool IsMulti { get; init; }

    /// <summary>Conditions ANDed to the whole comparison (emailVisibility, related list rules).</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    public bool IsEmpty => Kind != OperandKind.Expression && Value is null or "";

    public bool IsKnownNonEmpty => Kind != OperandKind.Expression && !IsEmpty;

    public static SqlOperand Param(object? value) => new(OperandKind.Parameter, null, value);

    public static SqlOperand Expression(string sql) => new(OperandKind.Expression, sql, null);

    public static SqlOperand Null { get; } = new(OperandKind.Literal, "NULL", null);

    public static SqlOperand Bool(bool value) => new(OperandKind.Literal, value ? "1" : "0", value);
}
