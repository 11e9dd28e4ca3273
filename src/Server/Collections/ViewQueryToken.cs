namespace PocketBaseSharp.Server.Collections;

/// <summary>A token of a view query: a word (keyword or bare identifier), a quoted identifier, a string, a number, or one punctuation/operator run.</summary>
public sealed record ViewQueryToken(ViewQueryTokenKind Kind, string Text, int Start, int End)
{
    public bool IsWord(string word) => Kind == ViewQueryTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == ViewQueryTokenKind.Symbol && Text == symbol;

    public bool IsName => Kind is ViewQueryTokenKind.Word or ViewQueryTokenKind.QuotedName;
}
