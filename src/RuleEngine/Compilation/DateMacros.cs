using System.Globalization;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>The <c>@now</c>-family macros, computed in UTC from the request's time and formatted as stored dates.</summary>
internal static class DateMacros
{
    public static bool TryGet(string name, DateTimeOffset now, out object? value)
    {
        var utc = now.UtcDateTime;
        var today = utc.Date;
        var month = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var year = new DateTime(utc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var endOf = TimeSpan.FromMilliseconds(1);
        value = name switch
        {
            "@now" => Format(utc),
            "@yesterday" => Format(utc.AddDays(-1)),
            "@tomorrow" => Format(utc.AddDays(1)),
            "@todayStart" => Format(today),
            "@todayEnd" => Format(today.AddDays(1) - endOf),
            "@monthStart" => Format(month),
            "@monthEnd" => Format(month.AddMonths(1) - endOf),
            "@yearStart" => Format(year),
            "@yearEnd" => Format(year.AddYears(1) - endOf),
            "@second" => (double)utc.Second,
            "@minute" => (double)utc.Minute,
            "@hour" => (double)utc.Hour,
            "@day" => (double)utc.Day,
            "@month" => (double)utc.Month,
            "@weekday" => (double)(int)utc.DayOfWeek,
            "@year" => (double)utc.Year,
            _ => Missing,
        };
        return !ReferenceEquals(value, Missing);
    }

    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static readonly object Missing = new();
}
