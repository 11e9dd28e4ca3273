using System.Globalization;

namespace PocketBaseSharp.Server.Data;

/// <summary>Upstream's timestamp text: UTC <c>YYYY-MM-DD HH:MM:SS.mmmZ</c>.</summary>
public static class Clock
{
    public const string Format = "yyyy-MM-dd HH:mm:ss.fff'Z'";

    public static string Now() => ToText(DateTimeOffset.UtcNow);

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
