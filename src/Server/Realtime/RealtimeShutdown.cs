namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Ends every SSE stream as soon as the host starts stopping, so that shutdown does not wait for
/// streams that would otherwise stay open for up to their idle timeout.
/// </summary>
public sealed class RealtimeShutdown(IRealtimeBus bus, IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(bus.CloseAll);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        bus.CloseAll();
        return Task.CompletedTask;
    }
}
