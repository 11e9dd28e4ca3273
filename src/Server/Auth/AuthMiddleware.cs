namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Loads the caller from <c>Authorization: [Bearer ]TOKEN</c>. Invalid or expired tokens make the
/// request a guest's, never a 401: record routes must behave as upstream.
/// </summary>
public sealed class AuthMiddleware(RequestDelegate next, TokenService tokens)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var token = ExtractToken(http.Request.Headers.Authorization.ToString());
        if (token.Length > 0)
        {
            var result = await tokens.VerifyAsync(token, "auth");
            if (result is { } r)
            {
                http.Items[typeof(RequestAuthState)] = new RequestAuthState(r.Record, token);
            }
        }

        await next(http);
    }

    public static string ExtractToken(string header)
    {
        var value = header.Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
    }
}
