namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Splits a SELECT into tokens (SQLite's lexical rules, loosely): comments are dropped, <c>'…'</c>
/// is a string, <c>"…"</c>, <c>`…`</c> and <c>[…]</c> are quoted names (kept unquoted in
/// <see cref="ViewQueryToken.Text"/>), each of <c>( ) , . * ;</c> is a symbol, other operator
/// characters form one symbol run. An unterminated quote or comment ends the query.
/// </summary>
public static class ViewQueryTokenizer
{
    private const string SingleSymbols = "(),.*;";

    public static List<ViewQueryToken> Tokenize(string sql)
    {
        var tokens = new List<ViewQueryToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                i = sql.IndexOf('\n', i) is var nl and >= 0 ? nl + 1 : sql.Length;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var (text, next) = Quoted(sql, i + 1, close);
                tokens.Add(new ViewQueryToken(c == '\'' ? ViewQueryTokenKind.String : ViewQueryTokenKind.QuotedName, text, start, next));
                i = next;
            }
            else if (char.IsLetter(c) || c is '_' or '$' || c > 127)
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' || sql[i] > 127))
                {
                    i++;
                }

                tokens.Add(new ViewQueryToken(ViewQueryTokenKind.Word, sql[start..i], start, i));
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new ViewQueryToken(ViewQueryTokenKind.Number, sql[start..i], start, i));
            }
            else if (SingleSymbols.Contains(c))
            {
                i++;
                tokens.Add(new ViewQueryToken(ViewQueryTokenKind.Symbol, c.ToString(), start, i));
            }
            else
            {
                while (i < sql.Length && !char.IsWhiteSpace(sql[i]) && !char.IsLetterOrDigit(sql[i]) && !SingleSymbols.Contains(sql[i]) && sql[i] is not ('\'' or '"' or '`' or '[' or '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new ViewQueryToken(ViewQueryTokenKind.Symbol, sql[start..i], start, i));
            }
        }

        return tokens;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    /// <summary>The text up to the closing quote (a doubled quote is one quote character) and the index after it.</summary>
    private static (string Text, int Next) Quoted(string sql, int i, char close)
    {
        var text = new System.Text.StringBuilder();
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                if (close != ']' && At(sql, i + 1) == close)
                {
                    text.Append(close);
                    i += 2;
                    continue;
                }

                return (text.ToString(), i + 1);
            }

            text.Append(sql[i++]);
        }

        return (text.ToString(), i);
    }
}
