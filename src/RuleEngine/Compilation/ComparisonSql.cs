using System.Globalization;
using System.Text;
using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// Writes one comparison of two resolved operands, with PocketBase's null/empty equivalence for
/// <c>=</c>/<c>!=</c> (rules-and-filters.md §4.1) and its LIKE conventions (§4.3).
/// </summary>
internal static class ComparisonSql
{
    public static string Write(SqlOperand left, ComparisonOperator op, SqlOperand right, CompileScope scope) => op switch
    {
        ComparisonOperator.Equal => Equality(left, right, negate: false, scope),
        ComparisonOperator.NotEqual => Equality(left, right, negate: true, scope),
        ComparisonOperator.Like => Like(left, right, negate: false, scope),
        ComparisonOperator.NotLike => Like(left, right, negate: true, scope),
        ComparisonOperator.Greater => $"{scope.Write(left)} > {scope.Write(right)}",
        ComparisonOperator.GreaterOrEqual => $"{scope.Write(left)} >= {scope.Write(right)}",
        ComparisonOperator.Less => $"{scope.Write(left)} < {scope.Write(right)}",
        _ => $"{scope.Write(left)} <= {scope.Write(right)}",
    };

    private static string Equality(SqlOperand left, SqlOperand right, bool negate, CompileScope scope)
    {
        var equals = negate ? "IS NOT" : "=";
        if (left.NoCoalesce || right.NoCoalesce)
        {
            return $"{scope.Write(left)} {(negate ? "IS NOT" : "IS")} {scope.Write(right)}";
        }

        if (left.IsEmpty && right.IsEmpty)
        {
            return $"'' {equals} ''";
        }

        if (left.IsKnownNonEmpty || right.IsKnownNonEmpty)
        {
            return $"{WriteOrEmpty(left, scope)} {equals} {WriteOrEmpty(right, scope)}";
        }

        if (right.IsEmpty)
        {
            var l = scope.Write(left);
            return negate ? $"({l} IS NOT '' AND {l} IS NOT NULL)" : $"({l} = '' OR {l} IS NULL)";
        }

        if (left.IsEmpty)
        {
            var r = scope.Write(right);
            return negate ? $"('' IS NOT {r} AND {r} IS NOT NULL)" : $"('' = {r} OR {r} IS NULL)";
        }

        return $"COALESCE({scope.Write(left)}, '') {equals} COALESCE({scope.Write(right)}, '')";
    }

    private static string WriteOrEmpty(SqlOperand operand, CompileScope scope) => operand.IsEmpty ? "''" : scope.Write(operand);

    private static string Like(SqlOperand left, SqlOperand right, bool negate, CompileScope scope)
    {
        var keyword = negate ? "NOT LIKE" : "LIKE";
        // Only a bound value is a pattern. Keywords (null, true, false) and NULL values (absent request
        // value, guest's auth field) are written like a column, as upstream: ('%' || NULL || '%') never
        // matches, ('%' || 1 || '%') looks for "1".
        var pattern = right.Kind != OperandKind.Parameter || right.Value is null
            ? $"('%' || {scope.Write(right)} || '%')"
            : scope.Bind(Pattern(right.Value));
        return $"{scope.Write(left)} {keyword} {pattern} ESCAPE '\\'";
    }

    /// <summary>A value with an unescaped <c>%</c> is a pattern as-is; anything else is escaped and wrapped in <c>%…%</c>.</summary>
    public static string Pattern(object? value)
    {
        var text = value switch
        {
            null => "",
            bool b => b ? "true" : "false", // a bound bool reads as text, as upstream's cast.ToString
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        if (HasUnescapedPercent(text))
        {
            return text;
        }

        // As upstream, only unescaped special characters get a backslash: 50\% means a literal 50%
        // and a\_b a literal a_b (a backslash that already escapes \, % or _ is kept as it is).
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && IsLikeSpecial(text[i + 1]))
            {
                escaped.Append(text, i, 2);
                i++;
            }
            else
            {
                escaped.Append(IsLikeSpecial(text[i]) ? "\\" : "").Append(text[i]);
            }
        }

        return "%" + escaped + "%";
    }

    private static bool IsLikeSpecial(char c) => c is '\\' or '%' or '_';

    private static bool HasUnescapedPercent(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '%')
            {
                return true;
            }
        }

        return false;
    }
}
