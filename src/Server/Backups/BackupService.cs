using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Backups;

/// <summary>Creating, pruning and restoring backups, one operation at a time (<see cref="BackupState"/>).</summary>
public sealed class BackupService(
    ServerOptions options, BackupStore store, BackupState state, BackupArchiver archiver,
    HostRestart restart, ISettingsSource settings, TimeProvider time, ILogger<BackupService> logger)
{
    public const string Busy = "Try again later - another backup/restore process has already been started.";

    public string DefaultName(string prefix) => BackupNames.Generate(prefix, settings.Current.Meta.AppName, time.GetUtcNow().UtcDateTime);

    /// <summary>Archives pb_data as <paramref name="name"/>, replacing a file of that name.</summary>
    public async Task CreateAsync(string name)
    {
        if (!state.TryBegin(name))
        {
            throw ApiException.BadRequest(Busy);
        }

        var work = DataDirLayout.TempPath(options.DataDir, "pb_backup_");
        var zip = work + ".zip";
        try
        {
            await archiver.CreateAsync(zip, work, CancellationToken.None);
            store.Store(zip, name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LogError(ex, "Failed to create backup {Name}", name);
            throw ApiException.BadRequest("Failed to create backup.");
        }
        finally
        {
            state.End();
            File.Delete(zip);
            DataDirSwap.TryDelete(work);
        }
    }

    /// <summary>The <c>__pbAutoBackup__</c> job: a new auto backup, then only the newest <c>cronMaxKeep</c> are kept.</summary>
    public async Task AutoBackupAsync()
    {
        var name = DefaultName(BackupNames.AutoPrefix);
        try
        {
            await CreateAsync(name);
        }
        catch (ApiException ex)
        {
            logger.LogError(ex, "[Backup cron] Failed to create backup {Name}", name);
        }

        var maxKeep = settings.Current.Backups.CronMaxKeep;
        if (maxKeep <= 0)
        {
            return; // no explicit limit
        }

        foreach (var old in store.List(BackupNames.AutoPrefix).OrderByDescending(f => f.ModifiedUtc).Skip(maxKeep))
        {
            store.Delete(old.Key);
        }
    }

    /// <summary>
    /// Starts a restore in the background; the caller's response goes out first. The zip is extracted
    /// and checked while the app still serves; only then does the host stop for the file swap.
    /// </summary>
    public void StartRestore(string key)
    {
        var zip = store.Find(key) ?? throw ApiException.BadRequest("Missing or invalid backup file.");
        if (!state.TryBegin(key))
        {
            throw ApiException.BadRequest(Busy);
        }

        _ = Task.Run(async () =>
        {
            var extracted = DataDirLayout.TempPath(options.DataDir, "pb_restore_");
            try
            {
                // Optimistic time for the 204 to reach the client before the server goes away.
                await Task.Delay(TimeSpan.FromSeconds(1), time);
                BackupExtractor.Extract(zip, extracted);
                restart.Request(() => SwapOrKeep(extracted));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "Failed to restore backup {Key}", key);
                DataDirSwap.TryDelete(extracted);
                state.End();
            }
        });
    }

    /// <summary>
    /// Runs with the host disposed (so it reports on the console, not the disposed logger). A swap
    /// that failed was reverted, and the app restarts on its old data, as upstream keeps running.
    /// </summary>
    private void SwapOrKeep(string extracted)
    {
        try
        {
            DataDirSwap.Replace(options.DataDir, extracted);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("Failed to restore backup, the previous data was kept: " + ex.Message);
        }
    }
}
