using System.IO.Compression;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// Writes a zip of <c>pb_data</c> while the server keeps serving. The open SQLite databases are not
/// copied as files (a WAL database's file alone can be stale or torn): each is snapshotted with
/// <c>VACUUM INTO</c> on a reader connection, which sees one consistent WAL snapshot and does not
/// block writers. Everything else is copied as it is.
/// </summary>
public sealed class BackupArchiver(ServerOptions options, Database data, AuxiliaryDatabase auxiliary)
{
    private static readonly string[] SqliteSidecars = ["-wal", "-shm", "-journal"];

    /// <summary>Creates the zip at <paramref name="zipPath"/>, using <paramref name="workDir"/> for the snapshots.</summary>
    public async Task CreateAsync(string zipPath, string workDir, CancellationToken cancel)
    {
        Directory.CreateDirectory(workDir);
        var snapshots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in new[] { data, auxiliary.Database })
        {
            var name = Path.GetFileName(database.Path);
            var copy = Path.Combine(workDir, name);
            await SnapshotAsync(database, copy);
            snapshots[name] = copy;
        }

        await using var output = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (name, copy) in snapshots)
        {
            await AddFileAsync(zip, copy, name, cancel);
        }

        await AddDirectoryAsync(zip, options.DataDir, "", snapshots, cancel);
    }

    private static Task SnapshotAsync(Database database, string target) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO @target";
            command.Parameters.Add(new SqliteParameter("@target", target));
            command.ExecuteNonQuery();
            return Task.FromResult(0);
        });

    private static async Task AddDirectoryAsync(ZipArchive zip, string dir, string prefix, Dictionary<string, string> snapshots, CancellationToken cancel)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            var entryName = prefix + entry.Name;
            if (prefix.Length == 0 && (DataDirLayout.ExcludedFromBackup.Contains(entry.Name) || IsDatabaseFile(entry.Name, snapshots)))
            {
                continue;
            }

            if (entry is DirectoryInfo sub && !sub.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                await AddDirectoryAsync(zip, sub.FullName, entryName + "/", snapshots, cancel);
            }
            else if (entry is FileInfo file && !file.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                await AddFileAsync(zip, file.FullName, entryName, cancel);
            }
        }
    }

    /// <summary>A snapshotted database or one of its journal files, already in the zip in consistent form.</summary>
    private static bool IsDatabaseFile(string name, Dictionary<string, string> snapshots) =>
        snapshots.ContainsKey(name) || snapshots.Keys.Any(db => SqliteSidecars.Any(s => name == db + s));

    private static async Task AddFileAsync(ZipArchive zip, string path, string entryName, CancellationToken cancel)
    {
        FileStream source;
        try
        {
            source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return; // deleted while the archive was being written (e.g. a replaced upload)
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        await using (source)
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Fastest);
            entry.LastWriteTime = File.GetLastWriteTime(path);
            await using var target = await entry.OpenAsync(cancel);
            await source.CopyToAsync(target, cancel);
        }
    }
}
