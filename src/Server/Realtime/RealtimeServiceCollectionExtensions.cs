using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PocketBaseSharp.Server.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the realtime bus, the SSE stream and its options (section <c>Realtime</c>).
    /// The host must also register an <see cref="IRealtimeAuthenticator"/>.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RealtimeOptions>(configuration.GetSection(RealtimeOptions.Section));
        services.TryAddSingleton<IRealtimeBus, InProcessRealtimeBus>();
        services.TryAddSingleton<RealtimeStream>();
        services.AddHostedService<RealtimeShutdown>();
        return services;
    }
}
