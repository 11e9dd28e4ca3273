using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Files;

/// <summary><c>GET /api/files/{collection}/{recordId}/{filename}</c> (http-api.md §6).</summary>
public static class FileEndpoints
{
    private const string Csp = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static void MapFileApi(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/files/{collection}/{recordId}/{filename}", ["GET", "HEAD"],
            async (HttpContext http, string collection, string recordId, string filename, FileDownloads downloads) =>
            {
                var download = await downloads.FindAsync(http, collection, recordId, filename);
                var attachment = IsTrue(http.Request.Query["download"].ToString()) || !ContentTypes.IsInline(download.ContentType);
                var headers = http.Response.Headers;
                headers.ContentDisposition = (attachment ? "attachment" : "inline") + "; filename=" + download.Name;
                headers.ContentSecurityPolicy = Csp;
                headers.CacheControl = "max-age=2592000, stale-while-revalidate=86400";
                // Files may be embedded by other pages (upstream drops the global SAMEORIGIN here).
                headers.Remove("X-Frame-Options");
                return Results.File(download.File.Content, download.ContentType, lastModified: download.File.LastModified, enableRangeProcessing: true);
            });

    private static bool IsTrue(string value) => value is "1" or "t" or "T" or "TRUE" or "true" or "True";
}
