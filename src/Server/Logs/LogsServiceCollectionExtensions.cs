namespace PocketBaseSharp.Server.Logs;

public static class LogsServiceCollectionExtensions
{
    /// <summary>The request log: the background writer (also a hosted service) and the logs API's reader.</summary>
    public static IServiceCollection AddLogs(this IServiceCollection services)
    {
        services.AddSingleton<LogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<LogWriter>());
        services.AddSingleton<LogsQuery>();
        return services;
    }
}
