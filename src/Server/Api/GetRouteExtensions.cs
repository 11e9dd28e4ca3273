namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Upstream's router answers HEAD on every GET route (Go's ServeMux does), while ASP.NET Core's
/// MapGet does not; this maps both. Kestrel drops the body of a HEAD response by itself.
/// </summary>
public static class GetRouteExtensions
{
    private static readonly string[] GetAndHead = ["GET", "HEAD"];

    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetAndHead, handler);
}
