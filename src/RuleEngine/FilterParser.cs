using PocketBaseSharp.RuleEngine.Ast;
using PocketBaseSharp.RuleEngine.Parsing;

namespace PocketBaseSharp.RuleEngine;

/// <summary>Parses filter/rule text into an immutable <see cref="FilterNode"/> tree (no schema involved).</summary>
public static class FilterParser
{
    /// <exception cref="FilterSyntaxException">The text is not a valid expression.</exception>
    public static FilterNode Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new TokenParser(FilterLexer.Tokenize(expression)).ParseAll();
    }
}
