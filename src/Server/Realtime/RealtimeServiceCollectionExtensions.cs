using Microsoft.Extensions.DependencyInjection.Extensions;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>
    /// Realtime for the server: the SSE protocol (<see cref="AddRealtimeProtocol"/>), the request
    /// auth of the server's auth middleware, and the broadcaster listening to record changes.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRealtimeProtocol(configuration);
        services.TryAddSingleton<IRealtimeAuthenticator, HttpRealtimeAuthenticator>();
        services.TryAddSingleton<RealtimeAccess>();
        services.TryAddSingleton<RealtimeMessageBuilder>();
        services.TryAddSingleton<RealtimeDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeDispatcher>());
        services.AddSingleton<IRecordChangeListener, RealtimeBroadcaster>();
        services.TryAddSingleton<IOAuth2RedirectTarget, RealtimeOAuth2RedirectTarget>();
        return services;
    }

    /// <summary>
    /// The protocol layer alone: bus, SSE stream, options (section <c>Realtime</c>), the idle and
    /// lifetime sweep, and shutdown.
    /// The host must register an <see cref="IRealtimeAuthenticator"/>.
    /// </summary>
    public static IServiceCollection AddRealtimeProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RealtimeOptions>(configuration.GetSection(RealtimeOptions.Section));
        services.TryAddSingleton<IRealtimeBus, InProcessRealtimeBus>();
        services.TryAddSingleton<RealtimeStream>();
        services.AddHostedService<RealtimeShutdown>();
        services.AddHostedService<RealtimeSweeper>();
        return services;
    }
}
