using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Records;

/// <summary>Random strings for ids, token keys and secrets, including <c>[chars]{n}</c> patterns.</summary>
public static partial class RandomText
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    [GeneratedRegex(@"^\[(?<set>[^\]]+)\]\{(?<n>\d+)\}$")]
    private static partial Regex SimplePattern();

    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(Alnum, length);

    public static string RecordId() => RandomNumberGenerator.GetString(Lower, 15);

    /// <summary>A value for an <c>autogeneratePattern</c>; supports the <c>[set]{n}</c> shape upstream uses by default.</summary>
    public static string FromPattern(string pattern)
    {
        var m = SimplePattern().Match(pattern);
        if (!m.Success)
        {
            return RecordId();
        }

        var set = ExpandSet(m.Groups["set"].Value);
        return RandomNumberGenerator.GetString(set, int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string ExpandSet(string set)
    {
        var chars = new System.Text.StringBuilder();
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                for (var c = set[i]; c <= set[i + 2]; c++)
                {
                    chars.Append(c);
                }

                i += 2;
            }
            else
            {
                chars.Append(set[i]);
            }
        }

        return chars.Length > 0 ? chars.ToString() : Lower;
    }
}
