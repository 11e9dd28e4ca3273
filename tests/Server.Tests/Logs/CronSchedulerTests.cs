using Microsoft.Extensions.Logging.Abstractions;
using PocketBaseSharp.Server.Crons;

namespace PocketBaseSharp.Server.Tests.Logs;

public sealed class CronSchedulerTests
{
    /// <summary>A clock standing 50 ms before a minute boundary; timers still run in real time.</summary>
    private sealed class JustBeforeTheMinute : TimeProvider
    {
        private readonly DateTimeOffset _now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(-50);

        public override DateTimeOffset GetUtcNow() => _now;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task DueJob_RunsAtItsTime_AndOthersWait()
    {
        var everyMinute = new TaskCompletionSource();
        var hourlyRuns = 0;
        var scheduler = new CronScheduler(
            [new CronJob("every-minute", "* * * * *", () => { everyMinute.TrySetResult(); return Task.CompletedTask; }),
             new CronJob("__pbHourly__", "30 * * * *", () => { Interlocked.Increment(ref hourlyRuns); return Task.CompletedTask; })],
            new JustBeforeTheMinute(),
            NullLogger<CronScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        await everyMinute.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(hourlyRuns, Is.Zero);
            Assert.That(scheduler.Jobs.Select(j => j.Id), Is.EqualTo(new[] { "every-minute", "__pbHourly__" }), "application jobs first");
        });
    }

    [Test]
    public void TryStart_UnknownId_IsFalse()
    {
        var scheduler = new CronScheduler([], TimeProvider.System, NullLogger<CronScheduler>.Instance);

        Assert.That(scheduler.TryStart("nope"), Is.False);
    }
}
