using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Backups;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Crons;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Files;
using PocketBaseSharp.Server.Legacy;
using PocketBaseSharp.Server.Logs;
using PocketBaseSharp.Server.Realtime;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Sql;

namespace PocketBaseSharp.Server;

/// <summary>Composes the application: storage, services, middlewares and every endpoint family.</summary>
public static class ServerHost
{
    public static async Task<WebApplication> BuildAsync(ServerOptions options, string[] args)
    {
        StartupTrace.Mark("host: begin");
        NativeHeap.LimitArenas();
        Directory.CreateDirectory(options.DataDir);
        var data = new Database(Path.Combine(options.DataDir, "data.db"));
        var auxiliary = new AuxiliaryDatabase(new Database(Path.Combine(options.DataDir, "auxiliary.db")));
        await SystemMigrations.RunAsync(data, auxiliary.Database);
        StartupTrace.Mark("host: system migrations");
        var collections = new CollectionStore(data);
        await collections.ReloadAsync();
        StartupTrace.Mark("host: collections loaded");

        // No command-line configuration from the CLI's own args; no file watcher for appsettings reloads.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Hosting diagnostics create an Activity and logging scopes for every request as soon as
        // any level is enabled for them; nothing here reads them, and a realtime stream would keep
        // them alive for its whole life.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.UseUrls("http://" + options.Http);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.ConfigureEndpointDefaults(listen => listen.UseRealtimeConnectionGate());
        });
        builder.WebHost.UseSockets(s => s.Backlog = ListenBacklog.Value());
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => data);
        builder.Services.AddSingleton(_ => auxiliary);
        builder.Services.AddSingleton(collections);
        builder.Services.AddRecordServices();
        builder.Services.AddFiles(options.DataDir);
        builder.Services.AddRealtime(builder.Configuration);
        builder.Services.AddAuthFlows();
        builder.Services.AddLogs();
        builder.Services.AddCrons();
        builder.Services.AddSingleton<SqlConsole>();
        builder.Services.AddBackups();
        builder.Services.AddHostedService<NativeHeapTrimmer>();
        StartupTrace.Mark("host: services added");

        var app = builder.Build();
        StartupTrace.Mark("host: built");
        app.UseMiddleware<CorsMiddleware>();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<LegacyAdminRoutes>();
        app.UseRouting(); // after the legacy rewrite, so rewritten paths are routed
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<MfaRequiredMiddleware>();
        app.UseMiddleware<AuthMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<SuperuserIpGuard>();
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapRecordApi();
        app.MapFileApi();
        app.MapCollectionApi();
        app.MapViewDryRunApi();
        app.MapBatchApi();
        app.MapRealtimeApi();
        app.MapAuthFlows();
        app.MapLogsApi();
        app.MapCronApi();
        app.MapSqlApi();
        app.MapLegacyExternalAuthApi();
        app.MapBackupApi();
        app.MapAdminUi();
        app.MapPublicFiles(options);
        StartupTrace.Mark("host: endpoints mapped");
        return app;
    }
}
