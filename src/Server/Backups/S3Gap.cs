using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// Backups on S3 are not implemented (docs/backups.md): with <c>backups.s3.enabled</c> every
/// operation fails with the 400 upstream gives when its S3 storage cannot be reached, rather than
/// silently using local files.
/// </summary>
public static class S3Gap
{
    public static void ThrowIfEnabled(ISettingsSource settings, string message)
    {
        if (settings.Current.Backups.S3.Enabled)
        {
            throw ApiException.BadRequest(message);
        }
    }
}
