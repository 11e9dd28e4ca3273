using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The server side of the authorization-code flow: trades the code for tokens at the provider's
/// token endpoint and reads the user from its user-info endpoint.
/// </summary>
public sealed class OAuth2Client(HttpClient http)
{
    public async Task<OAuth2User> AuthenticateAsync(OAuth2ProviderConfig provider, string code, string codeVerifier, string redirectUrl, CancellationToken cancellationToken)
    {
        var token = await ExchangeAsync(provider, code, codeVerifier, redirectUrl, cancellationToken);
        var accessToken = OAuth2ProviderKinds.Text(token["access_token"]);
        if (accessToken.Length == 0)
        {
            throw new OAuth2Exception(true, "The token response has no access_token.");
        }

        JsonObject raw;
        try
        {
            raw = await GetJsonAsync<JsonObject>(provider.UserInfoUrl, accessToken, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
        {
            throw new OAuth2Exception(false, "Failed to fetch the OAuth2 user.", e);
        }

        var fields = provider.Kind.MapUser(raw);
        if (fields.Id.Length == 0)
        {
            throw new OAuth2Exception(false, "The provider user has no id.");
        }

        if (fields.Email.Length == 0 && provider.Name == "github")
        {
            fields = fields with { Email = await GitHubPrimaryEmailAsync(provider, accessToken, cancellationToken) };
        }

        var expiresIn = token["expires_in"] is JsonValue e2 && e2.GetValueKind() == JsonValueKind.Number ? e2.GetValue<double>() : 0;
        return new OAuth2User(
            fields.Id, fields.Name, fields.Username, fields.Email, fields.AvatarUrl, accessToken,
            OAuth2ProviderKinds.Text(token["refresh_token"]),
            expiresIn > 0 ? DateTimeOffset.UtcNow.AddSeconds(expiresIn) : null,
            raw);
    }

    private async Task<JsonObject> ExchangeAsync(OAuth2ProviderConfig provider, string code, string codeVerifier, string redirectUrl, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUrl,
            ["client_id"] = provider.ClientId,
            ["client_secret"] = provider.ClientSecret,
        };
        if (provider.Pkce && codeVerifier.Length > 0)
        {
            form["code_verifier"] = codeVerifier;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, provider.TokenUrl) { Content = new FormUrlEncodedContent(form) };
            // GitHub answers form-encoded unless JSON is asked for.
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var json = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken) as JsonObject;
            return json is not null && !json.ContainsKey("error") ? json : throw new OAuth2Exception(true, "The provider refused the code.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException or UriFormatException)
        {
            throw new OAuth2Exception(true, "Failed to fetch the OAuth2 token.", e);
        }
    }

    /// <summary>GitHub hides private addresses from <c>/user</c>; the primary verified one is listed at <c>/user/emails</c>.</summary>
    private async Task<string> GitHubPrimaryEmailAsync(OAuth2ProviderConfig provider, string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            var list = await GetJsonAsync<JsonArray>(provider.UserInfoUrl.TrimEnd('/') + "/emails", accessToken, cancellationToken);
            var primary = list.OfType<JsonObject>().FirstOrDefault(e =>
                e["primary"]?.GetValueKind() == JsonValueKind.True && e["verified"]?.GetValueKind() == JsonValueKind.True);
            return primary is null ? "" : OAuth2ProviderKinds.Text(primary["email"]);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
        {
            // No email is not an error: the account can still be matched by its provider id.
            return "";
        }
    }

    private async Task<T> GetJsonAsync<T>(string url, string accessToken, CancellationToken cancellationToken) where T : JsonNode
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var node = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return node as T ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unexpected JSON from {url}."));
    }
}
