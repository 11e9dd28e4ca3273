using System.Text;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>Header names as rules see them: lower-case snake_case (<c>X-Token</c> → <c>x_token</c>).</summary>
public static class HeaderName
{
    public static string ToSnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                AppendSeparator(text);
                continue;
            }

            // A camelCase boundary (xToken) separates words like a dash does.
            if (char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(name[i - 1]))
            {
                AppendSeparator(text);
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString().TrimEnd('_');
    }

    private static void AppendSeparator(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '_')
        {
            text.Append('_');
        }
    }
}
