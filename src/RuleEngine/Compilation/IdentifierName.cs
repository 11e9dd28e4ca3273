namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>An identifier split into its dotted segments and its trailing <c>:modifier</c>.</summary>
internal sealed record IdentifierName(string Text, IReadOnlyList<string> Segments, string? Modifier)
{
    public static readonly string[] Modifiers = ["isset", "changed", "length", "each", "lower"];

    public static IdentifierName Split(string text)
    {
        var colon = text.LastIndexOf(':');
        string? modifier = null;
        var path = text;
        if (colon > text.LastIndexOf('.'))
        {
            modifier = text[(colon + 1)..];
            path = text[..colon];
            if (!Modifiers.Contains(modifier))
            {
                throw new FilterBindException($"unknown modifier ':{modifier}' in '{text}' (known: {string.Join(", ", Modifiers)})");
            }
        }

        return new IdentifierName(text, path.Split('.'), modifier);
    }
}
