namespace PocketBaseSharp.Server.Data;

/// <summary><c>auxiliary.db</c> (logs), kept apart so log writes never contend with data writes.</summary>
public sealed record AuxiliaryDatabase(Database Database) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
