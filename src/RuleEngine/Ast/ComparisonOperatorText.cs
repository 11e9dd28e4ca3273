namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>The spelling of the operators, shared by the lexer and the printer.</summary>
public static class ComparisonOperatorText
{
    private static readonly Dictionary<string, ComparisonOperator> BySymbol = new(StringComparer.Ordinal)
    {
        ["="] = ComparisonOperator.Equal,
        ["!="] = ComparisonOperator.NotEqual,
        [">"] = ComparisonOperator.Greater,
        [">="] = ComparisonOperator.GreaterOrEqual,
        ["<"] = ComparisonOperator.Less,
        ["<="] = ComparisonOperator.LessOrEqual,
        ["~"] = ComparisonOperator.Like,
        ["!~"] = ComparisonOperator.NotLike,
    };

    public static string Symbol(ComparisonOperator op, bool anyOf) =>
        (anyOf ? "?" : "") + BySymbol.First(p => p.Value == op).Key;

    /// <summary>Reads one of the 16 operators (<c>=</c> … <c>?!~</c>); false for anything else.</summary>
    public static bool TryParse(string text, out ComparisonOperator op, out bool anyOf)
    {
        anyOf = text.StartsWith('?');
        return BySymbol.TryGetValue(anyOf ? text[1..] : text, out op);
    }
}
