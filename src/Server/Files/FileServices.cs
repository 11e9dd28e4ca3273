namespace PocketBaseSharp.Server.Files;

/// <summary>DI registration of file storage (local <c>pb_data/storage</c>).</summary>
public static class FileServices
{
    public static IServiceCollection AddFiles(this IServiceCollection services, string dataDir) =>
        services.AddSingleton<IFileStorage>(new LocalFileStorage(Path.Combine(dataDir, "storage")))
            .AddSingleton<FileDownloads>();
}
