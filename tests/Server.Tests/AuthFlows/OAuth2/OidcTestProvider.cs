using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PocketBaseSharp.Server.Tests.AuthFlows.OAuth2;

/// <summary>
/// A tiny OAuth2 / OpenID Connect provider on a free 127.0.0.1 port for the OAuth2 tests (no outside
/// provider is reachable). <c>/authorize</c> signs in <see cref="NextUser"/> at once and redirects
/// back with a code; <c>/token</c> checks client credentials, redirect URI and PKCE;
/// <c>/userinfo</c> answers in the OIDC/Google shape and <c>/github/user</c> in GitHub's.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "test-secret-123";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, OidcTestUser> _accessTokens = new();

    private OidcTestProvider(WebApplication app) => _app = app;

    /// <summary>The account <c>/authorize</c> signs in.</summary>
    public OidcTestUser NextUser { get; set; } = new("sub-1", "oidc@example.com", "Oidc User");

    public string BaseUrl { get; private set; } = "";

    public string AuthUrl => BaseUrl + "/authorize";

    public string TokenUrl => BaseUrl + "/token";

    public string UserInfoUrl => BaseUrl + "/userinfo";

    public string GitHubUserUrl => BaseUrl + "/github/user";

    /// <summary>The form fields of every token request, for assertions on what the server sent.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public static async Task<OidcTestProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new OidcTestProvider(app);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/userinfo", provider.UserInfo);
        app.MapGet("/github/user", provider.GitHubUser);
        await app.StartAsync();
        provider.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    /// <summary>Issues a code without the browser round trip (what the redirect would carry).</summary>
    public string IssueCode(string redirectUri, string? codeChallenge = null)
    {
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(NextUser, redirectUri, codeChallenge);
        return code;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code")
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var redirect = q["redirect_uri"].ToString();
        var challenge = q["code_challenge"].ToString();
        var code = IssueCode(redirect, challenge.Length > 0 ? challenge : null);
        var separator = redirect.Contains('?') ? '&' : '?';
        return Results.Redirect($"{redirect}{separator}code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue(fields);
        var (clientId, clientSecret) = ClientCredentials(request, fields);
        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (fields.GetValueOrDefault("grant_type") != "authorization_code"
            || !_codes.TryRemove(fields.GetValueOrDefault("code") ?? "", out var grant)
            || grant.RedirectUri != fields.GetValueOrDefault("redirect_uri")
            || !PkceMatches(grant.CodeChallenge, fields.GetValueOrDefault("code_verifier")))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var accessToken = "at-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _accessTokens[accessToken] = grant.User;
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3600, refresh_token = "rt-" + accessToken[3..] });
    }

    private IResult UserInfo(HttpRequest request) => WithUser(request, u => new JsonObject
    {
        ["sub"] = u.Subject, ["email"] = u.Email, ["email_verified"] = u.EmailVerified, ["name"] = u.Name,
        ["preferred_username"] = u.Login, ["picture"] = u.Picture,
    });

    private IResult GitHubUser(HttpRequest request) => WithUser(request, u => new JsonObject
    {
        ["id"] = long.Parse(u.Subject.Where(char.IsDigit).DefaultIfEmpty('7').Aggregate("", (s, c) => s + c), System.Globalization.CultureInfo.InvariantCulture),
        ["login"] = u.Login, ["name"] = u.Name, ["email"] = u.Email, ["avatar_url"] = u.Picture,
    });

    private IResult WithUser(HttpRequest request, Func<OidcTestUser, JsonObject> shape)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.TryGetValue(header[7..], out var user)
            ? Results.Content(shape(user).ToJsonString(), "application/json")
            : Results.Json(new { error = "invalid_token" }, statusCode: 401);
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, Dictionary<string, string> fields)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair.ElementAtOrDefault(1) ?? ""));
        }

        return (fields.GetValueOrDefault("client_id"), fields.GetValueOrDefault("client_secret"));
    }

    private static bool PkceMatches(string? challenge, string? verifier)
    {
        if (challenge is null)
        {
            return true;
        }

        var hashed = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier ?? ""))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return hashed == challenge;
    }

    private sealed record Grant(OidcTestUser User, string RedirectUri, string? CodeChallenge);
}
