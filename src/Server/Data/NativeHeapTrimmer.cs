namespace PocketBaseSharp.Server.Data;

/// <summary>Trims the native heap every few seconds (<see cref="NativeHeap.Trim"/>); a trim of an idle heap costs microseconds.</summary>
public sealed class NativeHeapTrimmer : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                NativeHeap.Trim();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
