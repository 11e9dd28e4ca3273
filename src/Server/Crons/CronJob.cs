using Cronos;

namespace PocketBaseSharp.Server.Crons;

/// <summary>A scheduled job: upstream's id and 5-field expression (macros such as <c>@hourly</c> allowed).</summary>
public sealed record CronJob(string Id, string Expression, Func<Task> Run)
{
    public CronExpression Schedule { get; } = CronExpression.Parse(Expression);

    /// <summary>Upstream's own jobs (<c>__pb…__</c>) are listed after the application's.</summary>
    public bool IsSystem => Id.StartsWith("__pb", StringComparison.Ordinal);
}
