using Cronos;

namespace PocketBaseSharp.Server.Crons;

/// <summary>Upstream's cron syntax: one of its macros or exactly 5 space separated segments.</summary>
public static class CronCheck
{
    private static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    /// <summary>Why <paramref name="expression"/> is invalid, or null when it is valid or empty (= no job).</summary>
    public static string? Error(string expression)
    {
        if (expression.Length == 0 || Macros.Contains(expression))
        {
            return null;
        }

        if (expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            return "invalid cron expression - must be a valid macro or to have exactly 5 space separated segments";
        }

        try
        {
            CronExpression.Parse(expression);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }
}
