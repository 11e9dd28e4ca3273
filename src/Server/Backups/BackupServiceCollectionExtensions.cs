namespace PocketBaseSharp.Server.Backups;

public static class BackupServiceCollectionExtensions
{
    /// <summary>The backups API's services, the auto-backup job and the restart hook used by restores.</summary>
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddSingleton<BackupState>();
        services.AddSingleton<BackupStore>();
        services.AddSingleton<BackupArchiver>();
        services.AddSingleton<BackupUpload>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<HostRestart>();
        services.AddHostedService<TempDirCleanup>();
        services.AddHostedService<AutoBackupCron>();
        return services;
    }
}
