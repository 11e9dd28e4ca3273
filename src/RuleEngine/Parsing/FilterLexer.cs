using Sprache;

namespace PocketBaseSharp.RuleEngine.Parsing;

/// <summary>
/// Splits filter text into tokens. Sprache describes each token shape; shapes that look like a
/// token but break a lexical rule (<c>==</c>, <c>5.</c>, <c>'abc</c>, <c>tags:</c>) become invalid
/// tokens so the error can say exactly what was wrong and where.
/// </summary>
internal static class FilterLexer
{
    private const string OperatorChars = "=?!><~";

    private static readonly Parser<int> Position = input => Result.Success(input.Position, input);

    private static readonly Parser<string> Comment =
        from slashes in Parse.String("//")
        from body in Parse.CharExcept('\n').Many()
        select "";

    // Upstream treats only space, tab and newline as whitespace; a carriage return is an error.
    private static readonly Parser<IEnumerable<string>> Blank =
        Parse.Chars(" \t\n").Once().Return("").Or(Comment).Many();

    private static readonly Parser<(TokenKind, string?)> Text = QuotedText('\'').Or(QuotedText('"'));

    private static readonly Parser<(TokenKind, string?)> Word =
        from first in Parse.Char(c => char.IsLetter(c) || c is '_' or '@' or '#', "identifier")
        from rest in Parse.Char(c => char.IsLetterOrDigit(c) || c is '_' or '.' or ':', "identifier").Many().Text()
        from call in Parse.Char('(').Preview()
        select (WordKind(first + rest, call.IsDefined), (string?)null);

    private static readonly Parser<(TokenKind, string?)> Number =
        from text in Parse.Char(c => char.IsAsciiDigit(c) || c == '.', "number").AtLeastOnce().Text()
        select (IsValidNumber(text) ? TokenKind.Number : TokenKind.InvalidNumber, (string?)null);

    private static readonly Parser<(TokenKind, string?)> NegativeNumber =
        from minus in Parse.Char('-')
        from number in Number
        select number;

    private static readonly Parser<(TokenKind, string?)> Operator =
        from text in Parse.Chars(OperatorChars).AtLeastOnce().Text()
        select (Ast.ComparisonOperatorText.TryParse(text, out _, out _) ? TokenKind.Operator : TokenKind.InvalidOperator, (string?)null);

    private static readonly Parser<(TokenKind, string?)> Join =
        from text in Parse.Chars("&|").AtLeastOnce().Text()
        select (text switch { "&&" => TokenKind.And, "||" => TokenKind.Or, _ => TokenKind.InvalidJoin }, (string?)null);

    private static readonly Parser<(TokenKind, string?)> Punctuation =
        Parse.Char('(').Return((TokenKind.OpenParen, (string?)null))
            .Or(Parse.Char(')').Return((TokenKind.CloseParen, (string?)null)))
            .Or(Parse.Char(',').Return((TokenKind.Comma, (string?)null)));

    private static readonly Parser<(int Start, (TokenKind Kind, string? Value) Shape, int End)> AnyToken =
        from start in Position
        from shape in Text.Or(Word).Or(Number).Or(NegativeNumber).Or(Operator).Or(Join).Or(Punctuation)
        from end in Position
        from trailing in Blank
        select (start, shape, end);

    private static readonly Parser<IEnumerable<(int Start, (TokenKind Kind, string? Value) Shape, int End)>> All =
        from leading in Blank
        from tokens in AnyToken.Many()
        select tokens;

    /// <summary>All tokens of <paramref name="source"/>, ending with an <see cref="TokenKind.End"/> token.</summary>
    public static List<Token> Tokenize(string source)
    {
        var result = All(new Input(source));
        var tokens = new List<Token>();
        foreach (var (start, (kind, value), end) in result.Value)
        {
            var token = new Token(kind, start, end - start, source[start..end], value);
            ThrowIfInvalid(token);
            tokens.Add(token);
        }

        var stop = result.Remainder.Position;
        if (stop < source.Length)
        {
            throw new FilterSyntaxException(stop, DescribeChar(source[stop]), "a value, an operator, '&&', '||', '(' or ')'");
        }

        tokens.Add(new Token(TokenKind.End, source.Length, 0, ""));
        return tokens;
    }

    private static Parser<(TokenKind, string?)> QuotedText(char quote) =>
        from open in Parse.Char(quote)
        from chars in Parse.String("\\" + quote).Return(quote).Or(Parse.CharExcept(quote)).Many().Text()
        from close in Parse.Char(quote).Optional()
        select (close.IsDefined ? TokenKind.Text : TokenKind.UnterminatedText, (string?)chars);

    private static TokenKind WordKind(string word, bool isCall)
    {
        var valid = word is not ("@" or "_" or "#") && !word.EndsWith('.') && !word.EndsWith(':');
        return !valid ? TokenKind.InvalidIdentifier : isCall ? TokenKind.Function : TokenKind.Identifier;
    }

    private static bool IsValidNumber(string text) =>
        !text.StartsWith('.') && !text.EndsWith('.') && text.Count(c => c == '.') <= 1;

    private static void ThrowIfInvalid(Token token)
    {
        var expected = token.Kind switch
        {
            TokenKind.InvalidIdentifier => "an identifier not ending with '.' or ':'",
            TokenKind.InvalidNumber => "a number such as 10, -1 or 3.5",
            TokenKind.InvalidOperator => "one of =, !=, >, >=, <, <=, ~, !~ (or its ?-form)",
            TokenKind.InvalidJoin => "'&&' or '||'",
            TokenKind.UnterminatedText => "a closing quote",
            _ => null,
        };
        if (expected is null)
        {
            return;
        }

        var found = token.Kind == TokenKind.UnterminatedText ? "unterminated text " + token.Describe() : token.Describe();
        throw new FilterSyntaxException(token.Position, found, expected);
    }

    private static string DescribeChar(char c) => c switch
    {
        '\r' => "carriage return",
        '\t' => "tab",
        _ when char.IsControl(c) => $"character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
