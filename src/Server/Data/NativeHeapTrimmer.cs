namespace PocketBaseSharp.Server.Data;

/// <summary>
/// Every few seconds, empties the page caches of idle SQLite connections
/// (<see cref="Database.ReleaseMemory"/>) and then trims the native heap
/// (<see cref="NativeHeap.Trim"/>), which gives what they freed back to the operating system.
/// On an idle server both cost microseconds.
/// </summary>
public sealed class NativeHeapTrimmer(Database data, AuxiliaryDatabase auxiliary) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                data.ReleaseMemory();
                auxiliary.Database.ReleaseMemory();
                NativeHeap.Trim();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
