using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Crons;

public static class CronServiceCollectionExtensions
{
    /// <summary>
    /// The scheduler and the database maintenance job. Features add their own jobs by registering
    /// more <see cref="CronJob"/> singletons (the request log adds its retention job).
    /// </summary>
    public static IServiceCollection AddCrons(this IServiceCollection services)
    {
        services.AddSingleton<CronScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CronScheduler>());
        services.AddSingleton(sp => new CronJob("__pbDBOptimize__", "0 0 * * *", () => OptimizeAsync(sp.GetRequiredService<Database>(), sp.GetRequiredService<AuxiliaryDatabase>().Database)));
        return services;
    }

    /// <summary>Upstream's nightly maintenance: fold the WAL back into the file and refresh the planner statistics.</summary>
    private static async Task OptimizeAsync(params Database[] databases)
    {
        foreach (var database in databases)
        {
            await database.ReadAsync(db =>
            {
                Database.Exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;");
                return Task.FromResult(0);
            });
        }
    }
}
