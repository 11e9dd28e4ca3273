namespace PocketBaseSharp.Server.Files;

/// <summary>The headers upstream sends with every served file (record files and backups alike).</summary>
public static class FileResponseHeaders
{
    private const string Csp = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static void Apply(HttpResponse response, bool attachment, string name)
    {
        var headers = response.Headers;
        headers.ContentDisposition = (attachment ? "attachment" : "inline") + "; filename=" + name;
        headers.ContentSecurityPolicy = Csp;
        headers.CacheControl = "max-age=2592000, stale-while-revalidate=86400";
        // Files may be embedded by other pages (upstream drops the global SAMEORIGIN here).
        headers.Remove("X-Frame-Options");
    }
}
