using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Records;

/// <summary>DI registrations of the records and auth core.</summary>
public static class RecordServices
{
    public static IServiceCollection AddRecordServices(this IServiceCollection services)
    {
        services.AddSingleton<InProcessRecordChangePublisher>();
        services.AddSingleton<IRecordChangePublisher>(sp => sp.GetRequiredService<InProcessRecordChangePublisher>());
        services.AddSingleton<RecordStore>();
        services.AddSingleton<RecordRules>();
        services.AddSingleton<RecordExpander>();
        services.AddSingleton<RecordService>();
        services.AddSingleton(_ => new AuthTokenCache());
        services.AddSingleton<TokenService>();
        services.AddSingleton<SuperuserService>();
        services.AddSingleton<Collections.CollectionService>();
        services.AddSingleton<Collections.CollectionList>();
        services.AddSingleton<SettingsStore>();
        return services;
    }
}
