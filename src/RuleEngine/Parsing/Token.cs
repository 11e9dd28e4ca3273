namespace PocketBaseSharp.RuleEngine.Parsing;

/// <summary>A token with its source span; <see cref="Value"/> is the unescaped text of a quoted literal.</summary>
internal sealed record Token(TokenKind Kind, int Position, int Length, string Raw, string? Value = null)
{
    /// <summary>How an error message names this token: the quoted source text, shortened.</summary>
    public string Describe() => Kind == TokenKind.End
        ? "end of input"
        : "'" + (Raw.Length > 24 ? Raw[..24] + "…" : Raw) + "'";
}
