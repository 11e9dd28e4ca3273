namespace PocketBaseSharp.RuleEngine.Parsing;

internal enum TokenKind
{
    Identifier,
    Function,
    Text,
    Number,
    Operator,
    And,
    Or,
    OpenParen,
    CloseParen,
    Comma,
    End,

    // Recognised shapes that are not valid tokens; the lexer reports them with their position.
    InvalidIdentifier,
    InvalidNumber,
    InvalidOperator,
    InvalidJoin,
    UnterminatedText,
}
