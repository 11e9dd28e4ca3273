namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Upstream's router answers HEAD on every GET route (Go's ServeMux does), while ASP.NET Core's
/// MapGet does not; GET routes map both with <c>MapMethods(pattern, GetAndHead, handler)</c>
/// (a wrapper taking a <see cref="Delegate"/> would defeat compile-time request delegates).
/// Kestrel drops the body of a HEAD response by itself.
/// </summary>
public static class GetRouteExtensions
{
    public static readonly string[] GetAndHead = ["GET", "HEAD"];
}
