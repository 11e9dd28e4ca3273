using System.IO.Compression;

namespace PocketBaseSharp.Server.Backups;

/// <summary>Unpacks a backup zip into a fresh directory: only regular files and dirs, none outside it.</summary>
public static class BackupExtractor
{
    /// <exception cref="InvalidDataException">The zip is unreadable, has an entry escaping the target, or has no data.db.</exception>
    public static void Extract(string zipPath, string targetDir)
    {
        var root = Path.GetFullPath(targetDir) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName));

            // Zip slip: an entry such as "../x" or "/etc/x" must not land outside the target.
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException("Invalid file path in the backup: " + entry.FullName);
            }

            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: true);
        }

        if (!File.Exists(Path.Combine(root, "data.db")))
        {
            throw new InvalidDataException("data.db file is missing or invalid.");
        }
    }
}
