namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// The local backups filesystem, <c>pb_data/backups</c>. A key is a bare file name: anything that
/// could leave the directory is treated as unknown, so no key reaches outside it.
/// </summary>
public sealed class BackupStore(ServerOptions options)
{
    public string Root => Path.Combine(options.DataDir, DataDirLayout.BackupsDir);

    /// <summary>Files sorted by key (the order upstream's blob listing gives).</summary>
    public IReadOnlyList<BackupFile> List(string prefix = "")
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return [.. new DirectoryInfo(Root).EnumerateFiles()
            .Where(f => f.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => new BackupFile(f.Name, f.Length, f.LastWriteTimeUtc))
            .OrderBy(f => f.Key, StringComparer.Ordinal)];
    }

    public static bool IsSafeKey(string key) =>
        key.Length > 0 && key is not ("." or "..") && key.IndexOfAny(['/', '\\', '\0']) < 0 && Path.GetFileName(key) == key;

    /// <summary>The file's path, or null when the key is unsafe or no such file exists.</summary>
    public string? Find(string key)
    {
        if (!IsSafeKey(key))
        {
            return null;
        }

        var path = Path.Combine(Root, key);
        return File.Exists(path) ? path : null;
    }

    public bool Exists(string key) => Find(key) is not null;

    /// <summary>Moves a finished temp file into place, replacing a file of the same name (as upstream's upload does).</summary>
    public void Store(string tempPath, string key)
    {
        if (!IsSafeKey(key))
        {
            throw new ArgumentException("Invalid backup key.", nameof(key));
        }

        Directory.CreateDirectory(Root);
        File.Move(tempPath, Path.Combine(Root, key), overwrite: true);
    }

    public bool Delete(string key)
    {
        var path = Find(key);
        if (path is null)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
