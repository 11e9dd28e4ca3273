using System.Globalization;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Backups;

/// <summary>Backup file names as upstream makes and accepts them.</summary>
public static partial class BackupNames
{
    public const string ManualPrefix = "pb_backup_";

    public const string AutoPrefix = "@auto_pb_backup_";

    public const int MaxLength = 150;

    [GeneratedRegex("^[a-z0-9_-]+\\.zip$")]
    public static partial Regex Valid();

    /// <summary><c>{prefix}{snake appName, ≤ 50 chars}_{UTC yyyyMMddHHmmss}.zip</c>.</summary>
    public static string Generate(string prefix, string appName, DateTime utcNow)
    {
        var app = FileNames.SnakeCase(appName);
        if (app.Length > 50)
        {
            app = app[..50];
        }

        return prefix + app + "_" + utcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ".zip";
    }
}
