using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows.OAuth2;

/// <summary>The authorization-code flow as the SDK drives it, against <see cref="OidcTestProvider"/>.</summary>
public sealed class OAuth2FlowTests : AuthFlowTestBase
{
    private const string Redirect = "http://127.0.0.1:1/api/oauth2-redirect";
    private OidcTestProvider _provider = null!;

    [OneTimeSetUp]
    public async Task ConfigureAsync()
    {
        _provider = await OidcTestProvider.StartAsync();
        await PatchUsersCollectionAsync(new JsonObject
        {
            ["oauth2"] = new JsonObject
            {
                ["enabled"] = true,
                ["mappedFields"] = new JsonObject { ["id"] = "", ["name"] = "name", ["username"] = "", ["avatarURL"] = "" },
                ["providers"] = new JsonArray(
                    new JsonObject
                    {
                        ["name"] = "oidc", ["clientId"] = OidcTestProvider.ClientId, ["clientSecret"] = OidcTestProvider.ClientSecret,
                        ["authURL"] = _provider.AuthUrl, ["tokenURL"] = _provider.TokenUrl, ["userInfoURL"] = _provider.UserInfoUrl,
                        ["displayName"] = "Local OIDC",
                    },
                    new JsonObject
                    {
                        ["name"] = "github", ["clientId"] = OidcTestProvider.ClientId, ["clientSecret"] = OidcTestProvider.ClientSecret,
                        ["authURL"] = _provider.AuthUrl, ["tokenURL"] = _provider.TokenUrl, ["userInfoURL"] = _provider.GitHubUserUrl,
                        ["pkce"] = false,
                    }),
            },
        });
    }

    [OneTimeTearDown]
    public async Task StopProviderAsync() => await _provider.DisposeAsync();

    private async Task<JsonObject> ProviderAsync(string name)
    {
        var methods = await Api.GetAsync("/api/collections/users/auth-methods");
        Assert.That(methods.Status, Is.EqualTo(HttpStatusCode.OK), methods.Text);
        return methods.Object["oauth2"]!["providers"]!.AsArray().OfType<JsonObject>().Single(p => p["name"]!.GetValue<string>() == name);
    }

    /// <summary>Opens the provider's authorize URL as the browser would and returns the code from the redirect.</summary>
    private async Task<string> BrowserCodeAsync(JsonObject provider)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var response = await http.GetAsync(provider["authURL"]!.GetValue<string>() + Uri.EscapeDataString(Redirect));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Does.Contain("state=" + provider["state"]!.GetValue<string>()));
        return location.Split("code=")[1].Split('&')[0];
    }

    private Task<PocketBaseSharp.Server.Tests.Support.ApiClient.Response> AuthAsync(string provider, string code, string verifier, JsonObject? createData = null, string? token = null) =>
        Api.PostAsync("/api/collections/users/auth-with-oauth2", new JsonObject
        {
            ["provider"] = provider, ["code"] = code, ["codeVerifier"] = verifier, ["redirectURL"] = Redirect, ["createData"] = createData,
        }, token);

    [Test]
    public async Task AuthMethods_ListsProvidersWithStateAndPkce()
    {
        var methods = (await Api.GetAsync("/api/collections/users/auth-methods")).Object;
        var oidc = await ProviderAsync("oidc");
        var github = await ProviderAsync("github");

        Assert.Multiple(() =>
        {
            Assert.That(methods["oauth2"]!["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(methods["authProviders"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(oidc["displayName"]!.GetValue<string>(), Is.EqualTo("Local OIDC"));
            Assert.That(oidc["state"]!.GetValue<string>(), Has.Length.EqualTo(30));
            Assert.That(oidc["codeVerifier"]!.GetValue<string>(), Has.Length.EqualTo(43));
            Assert.That(oidc["codeChallengeMethod"]!.GetValue<string>(), Is.EqualTo("S256"));
            Assert.That(oidc["authURL"]!.GetValue<string>(), Does.StartWith(_provider.AuthUrl + "?client_id=test-client&code_challenge=").And.EndWith("&redirect_uri="));
            Assert.That(oidc["authUrl"]!.GetValue<string>(), Is.EqualTo(oidc["authURL"]!.GetValue<string>()));
            Assert.That(oidc["authURL"]!.GetValue<string>(), Does.Contain("scope=openid+email+profile"));
            Assert.That(github["codeVerifier"]!.GetValue<string>(), Is.Empty);
            Assert.That(github["authURL"]!.GetValue<string>(), Does.Not.Contain("code_challenge"));
        });
    }

    [Test]
    public async Task CodeFlow_NewUser_IsCreatedVerifiedAndLinked_ThenFoundAgain()
    {
        _provider.NextUser = new OidcTestUser("sub-new-1", UniqueEmail("oauth"), "New Person");
        var provider = await ProviderAsync("oidc");
        var first = await AuthAsync("oidc", await BrowserCodeAsync(provider), provider["codeVerifier"]!.GetValue<string>());

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        Assert.Multiple(() =>
        {
            Assert.That(first.Object["meta"]!["isNew"]!.GetValue<bool>(), Is.True);
            Assert.That(first.Object["meta"]!["id"]!.GetValue<string>(), Is.EqualTo("sub-new-1"));
            Assert.That(first.Object["meta"]!["accessToken"]!.GetValue<string>(), Does.StartWith("at-"));
            Assert.That(first.Object["meta"]!["rawUser"]!["sub"]!.GetValue<string>(), Is.EqualTo("sub-new-1"));
            Assert.That(first.Object["record"]!["email"]!.GetValue<string>(), Is.EqualTo(_provider.NextUser.Email));
            Assert.That(first.Object["record"]!["name"]!.GetValue<string>(), Is.EqualTo("New Person"));
            Assert.That(first.Object["record"]!["verified"]!.GetValue<bool>(), Is.True);
        });

        // Same provider account, different email now: found through _externalAuths, not by email.
        _provider.NextUser = _provider.NextUser with { Email = UniqueEmail("changed") };
        provider = await ProviderAsync("oidc");
        var second = await AuthAsync("oidc", await BrowserCodeAsync(provider), provider["codeVerifier"]!.GetValue<string>());
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
        Assert.Multiple(() =>
        {
            Assert.That(second.Object["meta"]!["isNew"]!.GetValue<bool>(), Is.False);
            Assert.That(second.Object["record"]!["id"]!.GetValue<string>(), Is.EqualTo(first.Object["record"]!["id"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task CodeFlow_ExistingUnverifiedEmail_SignsIntoThatAccountAndVerifiesIt()
    {
        var email = UniqueEmail("existing");
        var id = await CreateUserAsync(email);
        _provider.NextUser = new OidcTestUser("sub-existing", email, "Existing");
        var provider = await ProviderAsync("oidc");

        var response = await AuthAsync("oidc", await BrowserCodeAsync(provider), provider["codeVerifier"]!.GetValue<string>());

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(response.Object["record"]!["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(response.Object["meta"]!["isNew"]!.GetValue<bool>(), Is.False);
            Assert.That((await GetUserAsync(id))["verified"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task GitHubShape_WithoutPkce_Works()
    {
        _provider.NextUser = new OidcTestUser("98765", UniqueEmail("gh"), "Gh Person", Login: "ghp");
        var provider = await ProviderAsync("github");

        var response = await AuthAsync("github", await BrowserCodeAsync(provider), "");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(response.Object["meta"]!["username"]!.GetValue<string>(), Is.EqualTo("ghp"));
    }

    [Test]
    public async Task WrongVerifier_IsTokenFailure()
    {
        var provider = await ProviderAsync("oidc");

        var response = await AuthAsync("oidc", await BrowserCodeAsync(provider), new string('x', 43));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to fetch OAuth2 token."));
    }

    [Test]
    public async Task UnknownProviderAndMissingFields_AreValidationErrors()
    {
        var response = await Api.PostAsync("/api/collections/users/auth-with-oauth2", new JsonObject { ["provider"] = "google" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.Multiple(() =>
        {
            Assert.That(response.Object["data"]!["provider"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_provider"));
            Assert.That(response.Object["data"]!["code"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"));
            Assert.That(response.Object["data"]!["redirectURL"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"));
        });
    }

    [Test]
    public async Task Superusers_CannotUseOAuth2()
    {
        var response = await Api.PostAsync("/api/collections/_superusers/auth-with-oauth2", new JsonObject { ["provider"] = "oidc", ["code"] = "x", ["redirectURL"] = Redirect });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Redirect_UnknownClient_GoesToTheFailurePage()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

        var get = await http.GetAsync("/api/oauth2-redirect?state=nosuchclient&code=abc");
        var post = await http.PostAsync("/api/oauth2-redirect", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "nosuchclient", ["code"] = "abc" }));

        Assert.Multiple(() =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
            Assert.That(get.Headers.Location!.ToString(), Is.EqualTo("../_/#/auth/oauth2-redirect-failure"));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        });
    }
}
