namespace PocketBaseSharp.Server.Data;

/// <summary>
/// Something that wants record changes (realtime). Register implementations in DI; the default
/// <see cref="InProcessRecordChangePublisher"/> calls every listener in both phases.
/// </summary>
public interface IRecordChangeListener
{
    /// <summary>Runs before commit (pre-write state visible to readers); returns what to send after commit.</summary>
    Task<IPreparedRecordChanges> PrepareAsync(IReadOnlyList<RecordChange> changes);
}
