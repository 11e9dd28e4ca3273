namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// Wipes <c>pb_data/.pb_temp_to_delete</c> on start: it holds the pre-restore data (kept until the
/// restored app is up) and leftovers of interrupted backups or uploads.
/// </summary>
public sealed class TempDirCleanup(ServerOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        DataDirSwap.TryDelete(Path.Combine(options.DataDir, DataDirLayout.TempDir));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
