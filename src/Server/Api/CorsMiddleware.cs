namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Security headers and CORS as upstream: all origins unless <c>--origins</c> narrows them,
/// preflights answered with 204 before anything else runs, no credentials header.
/// </summary>
public sealed class CorsMiddleware(RequestDelegate next, ServerOptions options)
{
    public async Task InvokeAsync(HttpContext http)
    {
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
            return;
        }

        await next(http);
    }
}
