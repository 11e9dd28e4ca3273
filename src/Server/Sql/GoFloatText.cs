using System.Globalization;
using System.Text;

namespace PocketBaseSharp.Server.Sql;

/// <summary>
/// Writes a double as Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c> does (shortest digits,
/// exponent form below 1e-4 and from 1e6), which is how Go's database/sql turns a REAL cell into
/// text: the SQL console must print REAL cells as upstream prints them.
/// </summary>
public static class GoFloatText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var (digits, point) = ShortestDigits(Math.Abs(value));
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        var exponent = point - 1;
        if (exponent < -4 || exponent >= 6)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+');
            text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
            return text.ToString();
        }

        if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            text.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return text.ToString();
    }

    /// <summary>The shortest round-trip digits d1d2… and the point position p, value = 0.d1d2… × 10^p.</summary>
    private static (string Digits, int Point) ShortestDigits(double value)
    {
        if (value == 0)
        {
            return ("0", 1);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var integer = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        var all = integer + fraction;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, integer.Length + exponent - leading);
    }
}
