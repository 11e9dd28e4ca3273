namespace PocketBaseSharp.Server.Crons;

/// <summary>
/// Runs the registered <see cref="CronJob"/>s at their times (UTC) and on demand
/// (<c>POST /api/crons/{id}</c>). A job runs in the background; its failure is logged and never
/// stops the schedule.
/// </summary>
public sealed class CronScheduler(IEnumerable<CronJob> jobs, TimeProvider time, ILogger<CronScheduler> logger) : BackgroundService
{
    private readonly List<CronJob> _jobs = [.. jobs.OrderBy(j => j.IsSystem).ThenBy(j => j.Id, StringComparer.Ordinal)];

    /// <summary>Application jobs sorted by id, then the system ones.</summary>
    public IReadOnlyList<CronJob> Jobs => _jobs;

    /// <summary>Starts the job in the background; false when no job has that id.</summary>
    public bool TryStart(string id)
    {
        var job = _jobs.Find(j => j.Id == id);
        if (job is null)
        {
            return false;
        }

        _ = Task.Run(() => RunAsync(job));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = _jobs.ToDictionary(j => j, j => j.Schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime));
        while (!stoppingToken.IsCancellationRequested && next.Values.Any(n => n is not null))
        {
            var due = next.Values.Where(n => n is not null).Min()!.Value;
            var wait = due - time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            foreach (var job in next.Where(p => p.Value <= due).Select(p => p.Key).ToList())
            {
                _ = Task.Run(() => RunAsync(job), CancellationToken.None);
                next[job] = job.Schedule.GetNextOccurrence(due);
            }
        }
    }

    private async Task RunAsync(CronJob job)
    {
        try
        {
            await job.Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Cron job {Id} failed", job.Id);
        }
    }
}
