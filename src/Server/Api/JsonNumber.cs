using System.Globalization;
using System.Text;

namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Writes a double the way upstream's Go JSON encoder does, which clients may compare as text:
/// plain decimal notation from 1e-6 up to (not including) 1e21 (<c>10</c>, <c>1.5</c>,
/// <c>10000000000000000</c>), exponent notation outside it with a lower-case <c>e</c>, an explicit
/// sign and no leading zeros (<c>1e+21</c>, <c>1.5e-7</c>). .NET's shortest round-trip text has the
/// same digits but switches to <c>1E+16</c> at 1e15 and pads exponents (<c>1E-07</c>).
/// <see cref="FormatG"/> writes the same digits as Go's <c>strconv</c> <c>'g'</c> format.
/// </summary>
public static class JsonNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            // JSON has no NaN or infinity; validation keeps them out of records, so this is a guard.
            return "0";
        }

        if (value == 0)
        {
            return "0";
        }

        var (negative, digits, exponent) = Decompose(value);
        var abs = Math.Abs(value);
        var text = abs < 1e-6 || abs >= 1e21 ? Scientific(digits, exponent) : Plain(digits, exponent);
        return negative ? "-" + text : text;
    }

    /// <summary>
    /// Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c>, which database/sql uses to turn a REAL cell
    /// into text: exponent form below 1e-4 and from 1e6, with at least two exponent digits.
    /// </summary>
    public static string FormatG(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (negative, digits, exponent) = Decompose(value);
        var text = exponent < -4 || exponent >= 6 ? Scientific(digits, exponent, "00") : Plain(digits, exponent);
        return negative ? "-" + text : text;
    }

    // Splits the shortest round-trip text into its significant digits and the decimal exponent of
    // the first one: value = d1.d2d3… × 10^exponent.
    private static (bool Negative, string Digits, int Exponent) Decompose(double value)
    {
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E');
        var mantissa = e < 0 ? shortest : shortest[..e];
        var scale = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var integer = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var exponent = integer != "0"
            ? scale + integer.Length - 1
            : scale - (fraction.Length - fraction.TrimStart('0').Length + 1);
        var digits = (integer + fraction).TrimStart('0').TrimEnd('0');
        return (value < 0, digits.Length == 0 ? "0" : digits, exponent);
    }

    private static string Scientific(string digits, int exponent, string exponentFormat = "0")
    {
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(exponentFormat, CultureInfo.InvariantCulture);
    }

    private static string Plain(string digits, int exponent)
    {
        if (exponent < 0)
        {
            return "0." + new string('0', -exponent - 1) + digits;
        }

        if (digits.Length <= exponent + 1)
        {
            return digits + new string('0', exponent + 1 - digits.Length);
        }

        return new StringBuilder(digits).Insert(exponent + 1, '.').ToString();
    }
}
