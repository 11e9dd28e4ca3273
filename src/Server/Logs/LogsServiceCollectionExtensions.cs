using PocketBaseSharp.Server.Crons;

namespace PocketBaseSharp.Server.Logs;

public static class LogsServiceCollectionExtensions
{
    /// <summary>The request log: the background writer (also a hosted service), its retention job and the logs API's reader.</summary>
    public static IServiceCollection AddLogs(this IServiceCollection services)
    {
        services.AddSingleton<LogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<LogWriter>());
        services.AddSingleton<LogsQuery>();
        services.AddSingleton(sp => new CronJob("__pbLogsCleanup__", "0 */6 * * *", () => sp.GetRequiredService<LogWriter>().DeleteExpiredAsync()));
        return services;
    }
}
