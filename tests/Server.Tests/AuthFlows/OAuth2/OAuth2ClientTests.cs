using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Tests.AuthFlows.OAuth2;

[TestFixture]
[CancelAfter(30_000)]
public sealed class OAuth2ClientTests
{
    private const string Redirect = "http://127.0.0.1:1/api/oauth2-redirect";
    private OidcTestProvider _provider = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartProvider()
    {
        _provider = await OidcTestProvider.StartAsync();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public async Task StopProvider()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    private OAuth2ProviderConfig Config(string name, string userInfoUrl, bool? pkce = null) => OAuth2ProviderConfig.From(new JsonObject
    {
        ["name"] = name, ["clientId"] = OidcTestProvider.ClientId, ["clientSecret"] = OidcTestProvider.ClientSecret,
        ["authURL"] = _provider.AuthUrl, ["tokenURL"] = _provider.TokenUrl, ["userInfoURL"] = userInfoUrl, ["pkce"] = pkce,
    })!;

    [Test]
    public async Task Oidc_CodeWithPkce_MapsStandardClaims()
    {
        _provider.NextUser = new OidcTestUser("sub-42", "ann@example.com", "Ann", Login: "ann", Picture: "http://127.0.0.1:1/a.png");
        var verifier = new string('v', 43);
        var code = _provider.IssueCode(Redirect, OAuth2Pkce.Challenge(verifier));

        var user = await new OAuth2Client(_http).AuthenticateAsync(Config("oidc", _provider.UserInfoUrl), code, verifier, Redirect, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo("sub-42"));
            Assert.That(user.Email, Is.EqualTo("ann@example.com"));
            Assert.That(user.Username, Is.EqualTo("ann"));
            Assert.That(user.AvatarUrl, Is.EqualTo("http://127.0.0.1:1/a.png"));
            Assert.That(user.AccessToken, Does.StartWith("at-"));
            Assert.That(user.RefreshToken, Does.StartWith("rt-"));
            Assert.That(user.Expiry, Is.GreaterThan(DateTimeOffset.UtcNow));
            Assert.That(_provider.TokenRequests.Last()["code_verifier"], Is.EqualTo(verifier));
        });
    }

    [Test]
    public async Task Oidc_UnverifiedEmail_IsNotTrusted()
    {
        _provider.NextUser = new OidcTestUser("sub-43", "bob@example.com", "Bob", EmailVerified: false);
        var code = _provider.IssueCode(Redirect);

        var user = await new OAuth2Client(_http).AuthenticateAsync(Config("oidc", _provider.UserInfoUrl, pkce: false), code, "", Redirect, CancellationToken.None);

        Assert.That(user.Email, Is.Empty);
    }

    [Test]
    public async Task GitHub_NumericIdAndLogin_AreMapped()
    {
        _provider.NextUser = new OidcTestUser("12345", "gh@example.com", "Gh User", Login: "ghuser");
        var code = _provider.IssueCode(Redirect);

        var user = await new OAuth2Client(_http).AuthenticateAsync(Config("github", _provider.GitHubUserUrl, pkce: false), code, "", Redirect, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo("12345"));
            Assert.That(user.Username, Is.EqualTo("ghuser"));
            Assert.That(user.Email, Is.EqualTo("gh@example.com"));
        });
    }

    [Test]
    public void UnknownCode_FailsAtTheTokenStep()
    {
        var ex = Assert.ThrowsAsync<OAuth2Exception>(() =>
            new OAuth2Client(_http).AuthenticateAsync(Config("oidc", _provider.UserInfoUrl), "bogus", "x", Redirect, CancellationToken.None));

        Assert.That(ex!.AtTokenStep, Is.True);
    }

    [Test]
    public void BadUserInfoUrl_FailsAtTheUserStep()
    {
        var code = _provider.IssueCode(Redirect);

        var ex = Assert.ThrowsAsync<OAuth2Exception>(() =>
            new OAuth2Client(_http).AuthenticateAsync(Config("oidc", _provider.BaseUrl + "/nope", pkce: false), code, "", Redirect, CancellationToken.None));

        Assert.That(ex!.AtTokenStep, Is.False);
    }

    [Test]
    public void From_UnsupportedProviderName_IsNull()
    {
        Assert.That(OAuth2ProviderConfig.From(new JsonObject { ["name"] = "twitch" }), Is.Null);
    }
}
