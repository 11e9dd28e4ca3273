namespace PocketBaseSharp.Server.Data;

/// <summary>Changes checked before commit, waiting to be delivered once the commit succeeded.</summary>
public interface IPreparedRecordChanges
{
    Task SendAsync();

    void Discard();
}
