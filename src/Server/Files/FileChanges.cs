namespace PocketBaseSharp.Server.Files;

/// <summary>
/// The storage work of one write transaction, staged while the transaction runs and applied in the
/// same order only after it commits: a rollback leaves every stored file as it was.
/// </summary>
public sealed class FileChanges
{
    private readonly List<Func<IFileStorage, Task>> _operations = [];

    public bool IsEmpty => _operations.Count == 0;

    public void Write(string collectionId, string recordId, UploadedFile file) =>
        _operations.Add(s => s.WriteAsync(Key(collectionId, recordId, file.Name), file.Content, file.ContentType, file.OriginalName));

    public void Delete(string collectionId, string recordId, string name) =>
        _operations.Add(s => s.DeleteAsync(Key(collectionId, recordId, name)));

    public void DeleteRecord(string collectionId, string recordId) =>
        _operations.Add(s => s.DeletePrefixAsync(collectionId + "/" + recordId));

    /// <summary>Runs every operation even when one fails (the rows are already committed), then reports the failure.</summary>
    public async Task ApplyAsync(IFileStorage storage)
    {
        var failures = new List<Exception>();
        foreach (var operation in _operations)
        {
            try
            {
                await operation(storage);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Storing the files of a committed write failed.", failures);
        }
    }

    public static string Key(string collectionId, string recordId, string name) => collectionId + "/" + recordId + "/" + name;
}
