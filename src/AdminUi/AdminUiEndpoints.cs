using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PocketBaseSharp.AdminUi;

// In ASP.NET Core's own namespace, like the framework's Map* extensions, so that wiring the
// dashboard into the server is the single line `app.MapAdminUi();`.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the dashboard at <c>/_/</c> (cli-and-layout.md §4): static files, no index fallback.</summary>
public static class AdminUiEndpoints
{
    private const string Csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' http://127.0.0.1:* https://tile.openstreetmap.org data: blob:; " +
        "connect-src 'self' http://127.0.0.1:* https://nominatim.openstreetmap.org; " +
        "script-src 'self' http://127.0.0.1:*; frame-ancestors 'none'";

    private const string CacheControl = "max-age=1209600, stale-while-revalidate=86400";

    public static IEndpointRouteBuilder MapAdminUi(this IEndpointRouteBuilder app)
    {
        var files = AdminUiFiles.Load();
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        // Routing ignores a trailing slash, so this route sees both "/_" and "/_/".
        app.MapMethods("/_", methods, (HttpContext ctx) => ctx.Request.Path.Value == "/_"
            ? Results.Redirect("/_/", permanent: true)
            : Serve(ctx, files, ""));
        // The dashboard waits for this script; it stays empty because we ship no UI extensions.
        app.MapMethods("/_/extensions.js", methods, (HttpContext ctx) =>
        {
            ctx.Response.Headers.ContentSecurityPolicy = Csp;
            return Results.Text("", "text/javascript");
        });
        app.MapMethods("/_/{**path}", methods, (HttpContext ctx, string? path) => Serve(ctx, files, path ?? ""));
        return app;
    }

    private static IResult Serve(HttpContext ctx, FrozenDictionary<string, AdminUiFile> files, string path)
    {
        ctx.Response.Headers.ContentSecurityPolicy = Csp;
        var requested = ctx.Request.Path.Value ?? "/_/";
        if (path.Length == 0)
        {
            return File(ctx, files, "index.html");
        }
        if (path.Split('/').Any(segment => segment is "." or ".."))
        {
            return NotFound();
        }
        if (path.EndsWith('/'))
        {
            var trimmed = path.TrimEnd('/');
            if (files.ContainsKey(trimmed))
            {
                return Results.Redirect(requested.TrimEnd('/'), permanent: true);
            }
            return files.ContainsKey(trimmed + "/index.html") ? File(ctx, files, trimmed + "/index.html") : NotFound();
        }
        if (path == "index.html" || path.EndsWith("/index.html", StringComparison.Ordinal))
        {
            return Results.Redirect(requested[..^"index.html".Length], permanent: true);
        }
        if (files.ContainsKey(path))
        {
            ctx.Response.Headers.CacheControl = CacheControl;
            return File(ctx, files, path);
        }
        var isDirectory = files.Keys.Any(key => key.StartsWith(path + "/", StringComparison.Ordinal));
        return isDirectory ? Results.Redirect(requested + "/", permanent: true) : NotFound();
    }

    private static IResult File(HttpContext ctx, FrozenDictionary<string, AdminUiFile> files, string path)
    {
        if (!files.TryGetValue(path, out var file))
        {
            return NotFound();
        }
        ctx.Response.Headers.ETag = file.ETag;
        if (ctx.Request.Headers.IfNoneMatch == file.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(file.Content, file.ContentType);
    }

    // The same error body as every other route (http-api.md §1.2).
    private static IResult NotFound() => Results.Json(
        new { data = new { }, message = "The requested resource wasn't found.", status = 404 },
        statusCode: StatusCodes.Status404NotFound);
}
