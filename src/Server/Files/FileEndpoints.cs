using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Files;

/// <summary><c>GET /api/files/{collection}/{recordId}/{filename}</c> (http-api.md §6).</summary>
public static class FileEndpoints
{
    public static void MapFileApi(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/files/{collection}/{recordId}/{filename}", ["GET", "HEAD"],
            async (HttpContext http, string collection, string recordId, string filename, FileDownloads downloads) =>
            {
                var download = await downloads.FindAsync(http, collection, recordId, filename);
                var attachment = IsTrue(http.Request.Query["download"].ToString()) || !ContentTypes.IsInline(download.ContentType);
                FileResponseHeaders.Apply(http.Response, attachment, download.Name);
                return Results.File(download.File.Content, download.ContentType, lastModified: download.File.LastModified, enableRangeProcessing: true);
            });

    private static bool IsTrue(string value) => value is "1" or "t" or "T" or "TRUE" or "true" or "True";
}
