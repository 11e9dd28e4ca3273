using PocketBaseSharp.Server.Crons;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// Keeps the <c>__pbAutoBackup__</c> cron job in step with <c>backups.cron</c>: added when the
/// setting is set, rescheduled when it changes, removed when it is cleared.
/// </summary>
public sealed class AutoBackupCron(SettingsService settings, CronScheduler crons, BackupService backups) : IHostedService
{
    public const string JobId = "__pbAutoBackup__";

    private string _expression = "";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        settings.Changed += Apply;
        Apply();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        settings.Changed -= Apply;
        return Task.CompletedTask;
    }

    private void Apply()
    {
        var expression = settings.Current.Backups.Cron;
        if (expression == Interlocked.Exchange(ref _expression, expression))
        {
            return;
        }

        if (expression.Length == 0)
        {
            crons.Remove(JobId);
        }
        else
        {
            crons.Set(new CronJob(JobId, expression, backups.AutoBackupAsync));
        }
    }
}
