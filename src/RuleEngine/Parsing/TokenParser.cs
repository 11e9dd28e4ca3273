using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Parsing;

/// <summary>
/// Recursive descent over the token list: <c>||</c> over <c>&amp;&amp;</c> over groups and comparisons.
/// Every failure is one <see cref="FilterSyntaxException"/> naming the token found and what the
/// grammar expected there. Nesting is capped so hostile input cannot exhaust the stack.
/// </summary>
internal sealed class TokenParser(List<Token> tokens)
{
    public const int MaxGroupDepth = 50;
    public const int MaxFunctionDepth = 3;

    private int _index;

    private Token Current => tokens[_index];

    public FilterNode ParseAll()
    {
        if (Current.Kind == TokenKind.End)
        {
            throw new FilterSyntaxException(Current.Position, "end of input (empty filter)", "an expression");
        }

        var node = ParseOr(0);
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected("'&&', '||' or end of input");
        }

        return node;
    }

    private FilterNode ParseOr(int depth)
    {
        var left = ParseAnd(depth);
        while (Current.Kind == TokenKind.Or)
        {
            _index++;
            left = new LogicalNode(LogicalOperator.Or, left, ParseAnd(depth));
        }

        return left;
    }

    private FilterNode ParseAnd(int depth)
    {
        var left = ParsePrimary(depth);
        while (Current.Kind == TokenKind.And)
        {
            _index++;
            left = new LogicalNode(LogicalOperator.And, left, ParsePrimary(depth));
        }

        return left;
    }

    private FilterNode ParsePrimary(int depth)
    {
        if (Current.Kind != TokenKind.OpenParen)
        {
            return ParseComparison();
        }

        if (depth >= MaxGroupDepth)
        {
            throw new FilterSyntaxException(Current.Position, "'(' nested deeper than " + MaxGroupDepth, "fewer nested groups");
        }

        _index++;
        if (Current.Kind == TokenKind.CloseParen)
        {
            throw Unexpected("an expression (empty group)");
        }

        var inner = ParseOr(depth + 1);
        Expect(TokenKind.CloseParen, "'&&', '||' or ')'");
        return inner;
    }

    private ComparisonNode ParseComparison()
    {
        var left = ParseOperand("an expression", 0);
        if (Current.Kind != TokenKind.Operator)
        {
            throw Unexpected("an operator");
        }

        ComparisonOperatorText.TryParse(Current.Raw, out var op, out var anyOf);
        _index++;
        var right = ParseOperand("a value", 0);
        return new ComparisonNode(left, op, anyOf, right);
    }

    private Operand ParseOperand(string expected, int functionDepth)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                _index++;
                return new IdentifierOperand(token.Raw);
            case TokenKind.Text:
                _index++;
                return new TextOperand(token.Value!);
            case TokenKind.Number:
                _index++;
                return new NumberOperand(token.Raw);
            case TokenKind.Function:
                return ParseFunction(functionDepth + 1);
            default:
                throw Unexpected(expected);
        }
    }

    private FunctionOperand ParseFunction(int depth)
    {
        var name = Current;
        if (depth > MaxFunctionDepth)
        {
            throw new FilterSyntaxException(name.Position, "function call nested deeper than " + MaxFunctionDepth, "a value");
        }

        _index += 2; // the name and its '('
        var arguments = new List<Operand>();
        while (Current.Kind != TokenKind.CloseParen)
        {
            arguments.Add(ParseOperand("a function argument or ')'", depth));
            if (Current.Kind == TokenKind.Comma)
            {
                _index++;
            }
            else if (Current.Kind != TokenKind.CloseParen)
            {
                throw Unexpected("',' or ')'");
            }
        }

        _index++;
        return new FunctionOperand(name.Raw, arguments);
    }

    private void Expect(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(expected);
        }

        _index++;
    }

    private FilterSyntaxException Unexpected(string expected) =>
        new(Current.Position, Current.Describe(), expected);
}
