using Microsoft.AspNetCore.StaticFiles;

namespace PocketBaseSharp.Server.Api;

/// <summary>
/// <c>pb_public</c> served at <c>/</c> with the lowest priority, as upstream: directory redirects,
/// <c>index.html</c> handling and the SPA fallback to the root index.
/// </summary>
public static class PublicFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapPublicFiles(this IEndpointRouteBuilder app, ServerOptions options) =>
        app.MapMethods("/{**path}", ["GET", "HEAD"], async (HttpContext http, string? path) =>
        {
            var root = Path.GetFullPath(options.PublicDir);
            var requested = http.Request.Path.Value ?? "/";
            var full = Path.GetFullPath(Path.Combine(root, (path ?? "").TrimStart('/')));
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                throw ApiException.NotFound("File not found.");
            }

            if (Directory.Exists(full))
            {
                if (!requested.EndsWith('/'))
                {
                    return Results.Redirect(requested + "/" + http.Request.QueryString, permanent: true);
                }

                full = Path.Combine(full, "index.html");
            }
            else if (File.Exists(full) && requested.EndsWith('/'))
            {
                return Results.Redirect(requested.TrimEnd('/') + http.Request.QueryString, permanent: true);
            }
            else if (File.Exists(full) && requested.EndsWith("/index.html", StringComparison.Ordinal))
            {
                return Results.Redirect(requested[..^"index.html".Length] + http.Request.QueryString, permanent: true);
            }

            if (!File.Exists(full))
            {
                var index = Path.Combine(root, "index.html");
                if (!options.IndexFallback || !File.Exists(index))
                {
                    throw ApiException.NotFound("File not found.");
                }

                full = index;
            }

            var type = ContentTypes.TryGetContentType(full, out var t) ? t : "application/octet-stream";
            return Results.File(full, type, enableRangeProcessing: true, lastModified: File.GetLastWriteTimeUtc(full));
        }).WithOrder(int.MaxValue);
}
