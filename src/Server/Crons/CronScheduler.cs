namespace PocketBaseSharp.Server.Crons;

/// <summary>
/// Runs the registered <see cref="CronJob"/>s at their times (UTC) and on demand
/// (<c>POST /api/crons/{id}</c>). A job runs in the background; its failure is logged and never
/// stops the schedule. Jobs that follow settings (<c>__pbAutoBackup__</c>) are added, replaced or
/// removed at runtime with <see cref="Set"/> and <see cref="Remove"/>.
/// </summary>
public sealed class CronScheduler(IEnumerable<CronJob> jobs, TimeProvider time, ILogger<CronScheduler> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private IReadOnlyList<CronJob> _jobs = Sort(jobs);
    private CancellationTokenSource _changed = new();

    /// <summary>Application jobs sorted by id, then the system ones.</summary>
    public IReadOnlyList<CronJob> Jobs
    {
        get
        {
            lock (_gate)
            {
                return _jobs;
            }
        }
    }

    /// <summary>Adds <paramref name="job"/>, replacing a job with the same id.</summary>
    public void Set(CronJob job) => Update(current => current.Where(j => j.Id != job.Id).Append(job));

    public void Remove(string id) => Update(current => current.Where(j => j.Id != id));

    /// <summary>Starts the job in the background; false when no job has that id.</summary>
    public bool TryStart(string id)
    {
        var job = Jobs.FirstOrDefault(j => j.Id == id);
        if (job is null)
        {
            return false;
        }

        _ = Task.Run(() => RunAsync(job));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = new Dictionary<CronJob, DateTime?>(ReferenceEqualityComparer.Instance);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<CronJob> current;
            CancellationToken changed;
            lock (_gate)
            {
                current = _jobs;
                changed = _changed.Token;
            }

            // Jobs kept from the previous round keep their next time; new ones are scheduled from now.
            var now = time.GetUtcNow().UtcDateTime;
            next = current.ToDictionary<CronJob, CronJob, DateTime?>(j => j, j => next.TryGetValue(j, out var n) ? n : j.Schedule.GetNextOccurrence(now), ReferenceEqualityComparer.Instance);
            var due = next.Values.Where(n => n is not null).DefaultIfEmpty(null).Min();
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
            var (wait, capped) = WaitTime(due, now);
            try
            {
                await Task.Delay(wait, time, wake.Token);
            }
            catch (OperationCanceledException)
            {
                continue; // stopping (the loop ends) or the job list changed (re-plan)
            }

            if (capped)
            {
                continue; // a cut-short wait: not due yet, plan again
            }

            foreach (var job in next.Where(p => p.Value <= due).Select(p => p.Key).ToList())
            {
                _ = Task.Run(() => RunAsync(job), CancellationToken.None);
                next[job] = job.Schedule.GetNextOccurrence(due!.Value);
            }
        }
    }

    /// <summary>
    /// Task.Delay takes at most ~49 days, and a settings-made job may be yearly: long waits are
    /// cut to a day and re-planned.
    /// </summary>
    private static (TimeSpan Wait, bool Capped) WaitTime(DateTime? due, DateTime now)
    {
        if (due is not { } d)
        {
            return (Timeout.InfiniteTimeSpan, true);
        }

        var wait = d - now;
        return wait > TimeSpan.FromDays(1) ? (TimeSpan.FromDays(1), true) : (wait < TimeSpan.Zero ? TimeSpan.Zero : wait, false);
    }

    private void Update(Func<IEnumerable<CronJob>, IEnumerable<CronJob>> change)
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            _jobs = Sort(change(_jobs));
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        // Not disposed: the scheduler loop may still be linking to its token.
        previous.Cancel();
    }

    private static List<CronJob> Sort(IEnumerable<CronJob> jobs) =>
        [.. jobs.OrderBy(j => j.IsSystem).ThenBy(j => j.Id, StringComparer.Ordinal)];

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
