using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.AuthFlows.OAuth2;

[TestFixture]
[CancelAfter(30_000)]
public sealed class OidcTestProviderTests
{
    [Test]
    public async Task CodeFlow_WithPkce_YieldsUserInfo()
    {
        await using var provider = await OidcTestProvider.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var verifier = "v" + new string('x', 42);
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var redirect = await http.GetAsync($"{provider.AuthUrl}?client_id={OidcTestProvider.ClientId}&response_type=code&state=st1&code_challenge={challenge}&code_challenge_method=S256&redirect_uri=http://127.0.0.1:1/cb");
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = redirect.Headers.Location!.ToString();
        Assert.That(location, Does.StartWith("http://127.0.0.1:1/cb?code=").And.EndWith("&state=st1"));
        var code = location.Split("code=")[1].Split('&')[0];

        var token = await http.PostAsync(provider.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "http://127.0.0.1:1/cb",
            ["client_id"] = OidcTestProvider.ClientId, ["client_secret"] = OidcTestProvider.ClientSecret, ["code_verifier"] = verifier,
        }));
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        using var info = new HttpRequestMessage(HttpMethod.Get, provider.UserInfoUrl);
        info.Headers.Authorization = new("Bearer", accessToken);
        var user = await (await http.SendAsync(info)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(user!["email"]!.GetValue<string>(), Is.EqualTo("oidc@example.com"));
    }

    [Test]
    public async Task Token_WrongVerifier_IsRejected()
    {
        await using var provider = await OidcTestProvider.StartAsync();
        using var http = new HttpClient();
        var code = provider.IssueCode("http://127.0.0.1:1/cb", "expected-challenge");

        var token = await http.PostAsync(provider.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "http://127.0.0.1:1/cb",
            ["client_id"] = OidcTestProvider.ClientId, ["client_secret"] = OidcTestProvider.ClientSecret, ["code_verifier"] = "wrong",
        }));

        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
