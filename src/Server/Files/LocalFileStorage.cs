using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Files;

/// <summary>
/// Files under <c>pb_data/storage</c>, laid out as upstream's local filesystem driver does, including
/// its <c>.attrs</c> side files so a data dir stays usable by upstream PocketBase.
/// </summary>
public sealed class LocalFileStorage(string root) : IFileStorage
{
    public async Task WriteAsync(string key, byte[] content, string contentType, string originalName)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written under a temporary name first so a reader never sees a half-written file.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content);
        File.Move(temp, path, overwrite: true);
        var attrs = new JsonObject
        {
            ["user.cache_control"] = "",
            ["user.content_disposition"] = "",
            ["user.content_encoding"] = "",
            ["user.content_language"] = "",
            ["user.content_type"] = contentType,
            ["user.metadata"] = new JsonObject { ["original-filename"] = originalName },
            ["md5"] = Convert.ToBase64String(MD5.HashData(content)),
        };
        await File.WriteAllTextAsync(path + ".attrs", attrs.ToJsonString());
    }

    public Task<StoredFile?> OpenAsync(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<StoredFile?>(null);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
        return Task.FromResult<StoredFile?>(new StoredFile(stream, File.GetLastWriteTimeUtc(path)));
    }

    public Task DeleteAsync(string key)
    {
        var path = PathOf(key);
        File.Delete(path);
        File.Delete(path + ".attrs");
        var thumbs = Path.Combine(Path.GetDirectoryName(path)!, "thumbs_" + Path.GetFileName(path));
        if (Directory.Exists(thumbs))
        {
            Directory.Delete(thumbs, recursive: true);
        }

        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix)
    {
        var path = PathOf(prefix);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Keys come from stored record values and URLs; anything escaping the root is refused.</summary>
    private string PathOf(string key)
    {
        var rootFull = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(rootFull, key));
        if (!full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal) || key.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException("Invalid storage key.", nameof(key));
        }

        return full;
    }
}
