namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// Replaces pb_data's contents with an extracted backup while no connection is open. The current
/// entries are moved aside first (not deleted) and moved back if anything fails; the next start
/// wipes the temp dir that holds them.
/// </summary>
public static class DataDirSwap
{
    public static void Replace(string dataDir, string extractedDir)
    {
        var oldDir = DataDirLayout.TempPath(dataDir, "old_pb_data_");
        Directory.CreateDirectory(oldDir);
        MoveContent(dataDir, oldDir);
        try
        {
            MoveContent(extractedDir, dataDir);
        }
        catch
        {
            MoveContent(dataDir, extractedDir);
            MoveContent(oldDir, dataDir);
            throw;
        }
        finally
        {
            TryDelete(extractedDir);
        }
    }

    private static void MoveContent(string from, string to)
    {
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            if (DataDirLayout.KeptByRestore.Contains(entry.Name))
            {
                continue;
            }

            var target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo dir)
            {
                dir.MoveTo(target);
            }
            else
            {
                File.Move(entry.FullName, target);
            }
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next start's temp dir wipe.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
