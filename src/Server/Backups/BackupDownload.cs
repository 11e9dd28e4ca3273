using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// <c>GET /api/backups/{key}?token=</c>: browsers download with a plain link, so the superuser
/// proves itself with a short-lived file token in the query rather than the Authorization header.
/// </summary>
public static class BackupDownload
{
    private const string Forbidden = "Insufficient permissions to access the resource.";

    public static async Task<IResult> ServeAsync(HttpContext http, string key, TokenService tokens, BackupStore store, ISettingsSource settings)
    {
        var token = http.Request.Query["token"].ToString();
        var verified = token.Length > 0 ? await tokens.VerifyAsync(token, "file") : null;
        if (verified is not { Record.Collection.IsSuperusers: true })
        {
            throw ApiException.Forbidden(Forbidden);
        }

        var current = settings.Current;
        if (current.SuperuserIPs.Count > 0 && !SuperuserIpGuard.Allowed(ClientIp.Of(http, current.TrustedProxy), current.SuperuserIPs))
        {
            throw ApiException.Forbidden(Forbidden);
        }

        S3Gap.ThrowIfEnabled(settings, "Failed to load backups filesystem.");
        var path = store.Find(key) ?? throw ApiException.NotFound();
        Files.FileResponseHeaders.Apply(http.Response, attachment: true, key);
        return Results.File(path, "application/zip", lastModified: File.GetLastWriteTimeUtc(path), enableRangeProcessing: true);
    }
}
