namespace PocketBaseSharp.Server.Data;

/// <summary>
/// The seam between the record write path and realtime. Every write transaction calls
/// <see cref="PrepareAsync"/> just before its commit with all records it changed (cascades and
/// batches included); at that moment reader connections still see the committed pre-write state,
/// so a delete's access rule can be checked against the record as it was. After the commit the
/// write path calls <see cref="IPreparedRecordChanges.SendAsync"/>, after a rollback
/// <see cref="IPreparedRecordChanges.Discard"/>.
/// </summary>
public interface IRecordChangePublisher
{
    Task<IPreparedRecordChanges> PrepareAsync(IReadOnlyList<RecordChange> changes);
}
