namespace PocketBaseSharp.RuleEngine.Compilation;

internal enum OperandKind
{
    /// <summary>SQL computed from the database (a column, a JSON path, a function).</summary>
    Expression,

    /// <summary>A value known at compile time, bound when it is written out.</summary>
    Parameter,

    /// <summary>A constant keyword: <c>NULL</c>, or true/false written as 1/0.</summary>
    Literal,
}
