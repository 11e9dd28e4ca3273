using Microsoft.Extensions.Options;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Enforces the idle timeout and the maximum lifetime of every stream with one shared timer: each
/// tick closes the clients that were idle too long or are too old. Thousands of streams are open
/// at once, so a timer (and token source) per stream would cost memory for nothing; the price is
/// that a stream ends up to one tick (a tenth of the shorter limit, at most 1 s) late.
/// </summary>
public sealed class RealtimeSweeper(IRealtimeBus bus, IOptions<RealtimeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(Interval(settings));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep(bus.Clients, settings, Environment.TickCount64);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: RealtimeShutdown closes the streams.
        }
    }

    /// <summary>Closes the clients that, at <paramref name="now"/> (<see cref="Environment.TickCount64"/>), are past a limit.</summary>
    public static int Sweep(IEnumerable<RealtimeClient> clients, RealtimeOptions settings, long now)
    {
        var closed = 0;
        foreach (var client in clients)
        {
            if (!client.IsClosed && client.IsExpired(now, settings.IdleTimeout, settings.MaxLifetime))
            {
                client.Close();
                closed++;
            }
        }

        return closed;
    }

    /// <summary>A tenth of the shorter limit, between 10 ms and 1 s.</summary>
    public static TimeSpan Interval(RealtimeOptions settings)
    {
        var shorter = settings.IdleTimeout < settings.MaxLifetime ? settings.IdleTimeout : settings.MaxLifetime;
        var tick = shorter / 10;
        return tick < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10)
            : tick > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
            : tick;
    }
}
