namespace PocketBaseSharp.Server.Files;

/// <summary>
/// Where uploaded files live, addressed by keys like <c>{collectionId}/{recordId}/{filename}</c>.
/// Small on purpose so an S3 implementation can replace the local one.
/// </summary>
public interface IFileStorage
{
    Task WriteAsync(string key, byte[] content, string contentType, string originalName);

    /// <summary>Opens a seekable read stream (range requests need seeking), or null when missing.</summary>
    Task<StoredFile?> OpenAsync(string key);

    /// <summary>Deletes one file and what belongs to it (its thumbs); a missing file is not an error.</summary>
    Task DeleteAsync(string key);

    /// <summary>Deletes every file whose key starts with <paramref name="prefix"/> (a record or collection folder).</summary>
    Task DeletePrefixAsync(string prefix);
}
