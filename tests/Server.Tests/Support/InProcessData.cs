using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>
/// A fresh data dir in a temp folder with the server's own stores over it (real SQLite files,
/// system tables migrated, collections loaded), for tests that call services without HTTP.
/// </summary>
public sealed class InProcessData : IAsyncDisposable
{
    private InProcessData(string dir, Database data, Database aux, CollectionStore collections)
    {
        Dir = dir;
        Data = data;
        Aux = aux;
        Collections = collections;
    }

    public string Dir { get; }

    public Database Data { get; }

    public Database Aux { get; }

    public CollectionStore Collections { get; }

    public static async Task<InProcessData> CreateAsync(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var data = new Database(Path.Combine(dir, "data.db"));
        var aux = new Database(Path.Combine(dir, "auxiliary.db"));
        await SystemMigrations.RunAsync(data, aux);
        var collections = new CollectionStore(data);
        await collections.ReloadAsync();
        return new InProcessData(dir, data, aux, collections);
    }

    public async ValueTask DisposeAsync()
    {
        await Data.DisposeAsync();
        await Aux.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}
