namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Security headers and CORS as upstream: all origins unless <c>--origins</c> narrows them,
/// preflights answered with 204 before anything else runs, no credentials header.
/// </summary>
public sealed class CorsMiddleware(RequestDelegate next, ServerOptions options)
{
    public Task InvokeAsync(HttpContext http)
    {
        // No async frame of its own: an async middleware costs a state machine per request that
        // waits, and on a new server each one's generic instantiation is compiled at the first such
        // request (docs/benchmarks.md, History, Tier A C1).
        var headers = http.Response.Headers;
        foreach (var (name, value) in CorsHeaders.Security)
        {
            headers[name] = value;
        }

        headers.Append("Vary", "Origin");

        var allowOrigin = CorsHeaders.AllowOrigin(http.Request.Headers.Origin.ToString(), options.Origins);
        var allowed = allowOrigin is not null;
        if (allowed)
        {
            headers["Access-Control-Allow-Origin"] = allowOrigin;
        }

        if (HttpMethods.IsOptions(http.Request.Method))
        {
            if (allowed && http.Request.Headers.ContainsKey("Access-Control-Request-Method"))
            {
                headers.Append("Vary", "Access-Control-Request-Method");
                headers.Append("Vary", "Access-Control-Request-Headers");
                headers["Access-Control-Allow-Methods"] = "GET,HEAD,PUT,PATCH,POST,DELETE";
                var requested = http.Request.Headers.AccessControlRequestHeaders.ToString();
                if (requested.Length > 0)
                {
                    headers["Access-Control-Allow-Headers"] = requested;
                }
            }

            http.Response.StatusCode = 204;
            return Task.CompletedTask;
        }

        return next(http);
    }
}
