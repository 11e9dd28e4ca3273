using System.Globalization;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Records;

/// <summary>Format checks shared by field validation and the CLI.</summary>
public static partial class FieldValidation
{
    [GeneratedRegex(@"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex EmailPattern();

    public static bool IsEmail(string value) => value.Length is > 0 and <= 254 && EmailPattern().IsMatch(value);

    public static bool IsUrl(string value, out string host)
    {
        host = "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || string.IsNullOrEmpty(uri.Scheme))
        {
            return false;
        }

        host = uri.Host;
        return true;
    }

    /// <summary>Parses upstream's date text and the lenient forms it accepts; null when unparsable.</summary>
    public static DateTimeOffset? ParseDate(object? value)
    {
        switch (value)
        {
            // Unix seconds; values outside DateTimeOffset's range are unparsable, not an error.
            case double d when double.IsFinite(d) && d is >= -62135596800 and <= 253402300799:
                return DateTimeOffset.FromUnixTimeSeconds((long)d);
            case string s when s.Trim().Length > 0:
                var text = s.Trim();
                string[] formats = ["yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd", "yyyy-MM-dd HH:mm"];
                if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    return parsed;
                }

                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed) ? parsed : null;
            default:
                return null;
        }
    }

    public static bool DomainAllowed(string host, IReadOnlyList<string> only, IReadOnlyList<string> except)
    {
        if (only.Count > 0)
        {
            return only.Any(d => string.Equals(d, host, StringComparison.OrdinalIgnoreCase));
        }

        return !except.Any(d => string.Equals(d, host, StringComparison.OrdinalIgnoreCase));
    }

    public static bool MatchesPattern(string value, string pattern)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
