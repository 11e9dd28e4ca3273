namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Loads the caller from <c>Authorization: [Bearer ]TOKEN</c>. Invalid or expired tokens make the
/// request a guest's, never a 401: record routes must behave as upstream.
/// </summary>
public sealed class AuthMiddleware(RequestDelegate next, TokenService tokens)
{
    public Task InvokeAsync(HttpContext http)
    {
        // No async frame of its own: an async middleware costs a state machine per request that
        // waits, and on a new server each one's generic instantiation is compiled at the first such
        // request (docs/benchmarks.md, History, Tier A C1).
        var token = ExtractToken(http.Request.Headers.Authorization.ToString());
        return token.Length > 0 ? AuthenticateAsync(http, token) : next(http);
    }

    private async Task AuthenticateAsync(HttpContext http, string token)
    {
        if (await tokens.AuthenticateAsync(token) is { } record)
        {
            http.Items[typeof(RequestAuthState)] = new RequestAuthState(record, token);
        }

        await next(http);
    }

    public static string ExtractToken(string header)
    {
        var value = header.Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
    }
}
