namespace PocketBaseSharp.Server.Collections;

public enum ViewQueryTokenKind
{
    Word,
    QuotedName,
    String,
    Number,
    Symbol,
}
