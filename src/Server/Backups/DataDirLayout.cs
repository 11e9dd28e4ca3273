namespace PocketBaseSharp.Server.Backups;

/// <summary>The <c>pb_data</c> entries that backups and restores leave alone (upstream's names).</summary>
public static class DataDirLayout
{
    public const string BackupsDir = "backups";

    /// <summary>Temp files live inside pb_data so moves stay on one device; wiped at every start.</summary>
    public const string TempDir = ".pb_temp_to_delete";

    /// <summary>Not archived: the backups themselves, temp files, notify/autocert state, lost+found.</summary>
    public static readonly IReadOnlySet<string> ExcludedFromBackup = new HashSet<string>(StringComparer.Ordinal)
    {
        BackupsDir, TempDir, ".pb_notify", ".autocert_cache", "lost+found",
    };

    /// <summary>Kept in place by a restore: the backups dir (it holds the zip being restored) and the machine-local dirs.</summary>
    public static readonly IReadOnlySet<string> KeptByRestore = new HashSet<string>(StringComparer.Ordinal)
    {
        BackupsDir, TempDir, ".autocert_cache", "lost+found",
    };

    public static string TempPath(string dataDir, string prefix)
    {
        var temp = Path.Combine(dataDir, TempDir);
        Directory.CreateDirectory(temp);
        return Path.Combine(temp, prefix + Guid.NewGuid().ToString("N")[..10]);
    }
}
