using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary>
/// Tokens minted with the server's real keys (read from its data dir), changed one property at a
/// time: only a correctly signed, unexpired <c>auth</c> token of the right record authenticates.
/// </summary>
public sealed class TokenTamperingTests : AuthFlowTestBase
{
    private const string Header = """{"alg":"HS256","typ":"JWT"}""";
    private const string UsersId = "_pb_users_auth_";

    private DataKeys Keys => new(Server.DataDir);

    private string AuthKey(string id) => Keys.TokenKey("users", id) + Keys.CollectionSecret(UsersId, "authToken");

    private static string Claims(string id, long exp, string type = "auth", string collectionId = UsersId) =>
        $$"""{"id":"{{id}}","type":"{{type}}","collectionId":"{{collectionId}}","exp":{{exp}},"refreshable":true}""";

    private async Task<HttpStatusCode> RefreshStatusAsync(string token) =>
        (await PostAsync("/api/collections/users/auth-refresh", new JsonObject(), token)).Status;

    [Test]
    public async Task MintedWithRealKeys_AnyClaimOrder_Authenticates()
    {
        var id = await CreateUserAsync(UniqueEmail("minted"));
        var token = RawJwt.Hs256(Header, Claims(id, DataKeys.Exp(TimeSpan.FromHours(1))), AuthKey(id));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await RefreshStatusAsync(token), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await RefreshStatusAsync("Bearer " + token), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task EveryTamperedVariant_IsAGuest()
    {
        var id = await CreateUserAsync(UniqueEmail("tamper"));
        var otherId = await CreateUserAsync(UniqueEmail("other"));
        var exp = DataKeys.Exp(TimeSpan.FromHours(1));
        var verificationKey = Keys.TokenKey("users", id) + Keys.CollectionSecret(UsersId, "verificationToken");
        var variants = new Dictionary<string, string>
        {
            ["wrong key"] = RawJwt.Hs256(Header, Claims(id, exp), "not-the-key" + AuthKey(id)),
            ["other record's key"] = RawJwt.Hs256(Header, Claims(id, exp), AuthKey(otherId)),
            ["expired"] = RawJwt.Hs256(Header, Claims(id, DataKeys.Exp(TimeSpan.FromMinutes(-1))), AuthKey(id)),
            ["type verification"] = RawJwt.Hs256(Header, Claims(id, exp, "verification").Replace("\"refreshable\":true", "\"email\":\"x@example.com\""), verificationKey),
            ["type admin"] = RawJwt.Hs256(Header, Claims(id, exp, "admin"), AuthKey(id)),
            ["auth signed with the verification secret"] = RawJwt.Hs256(Header, Claims(id, exp), verificationKey),
            ["alg none"] = RawJwt.Unsigned(Claims(id, exp)),
            ["alg none with a signature"] = RawJwt.Hs256("""{"alg":"none","typ":"JWT"}""", Claims(id, exp), AuthKey(id)),
            ["HS512 header"] = RawJwt.Hs256("""{"alg":"HS512","typ":"JWT"}""", Claims(id, exp), AuthKey(id)),
            ["other collection id"] = RawJwt.Hs256(Header, Claims(id, exp, collectionId: "pbc_3142635823"), AuthKey(id)),
            ["payload swapped after signing"] = SwapPayload(RawJwt.Hs256(Header, Claims(id, exp), AuthKey(id)), Claims(otherId, exp)),
            ["garbage"] = "abc.def.ghi",
        };

        var results = new Dictionary<string, HttpStatusCode>();
        foreach (var (name, token) in variants)
        {
            results[name] = await RefreshStatusAsync(token);
        }

        Assert.That(results.Where(r => r.Value != HttpStatusCode.Unauthorized).Select(r => $"{r.Key}: {r.Value}"), Is.Empty);
    }

    [Test]
    public async Task TamperedToken_OnARecordList_IsTreatedAsGuestNot401()
    {
        var id = await CreateUserAsync(UniqueEmail("guestlist"));
        var bad = RawJwt.Hs256(Header, Claims(id, DataKeys.Exp(TimeSpan.FromHours(1))), "wrong");

        var response = await Api.GetAsync("/api/collections/users/records", bad);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Object["totalItems"]!.GetValue<int>(), Is.Zero, "the list rule id = @request.auth.id matches nobody for a guest");
    }

    [Test]
    public async Task PasswordChange_InvalidatesEarlierTokens()
    {
        var email = UniqueEmail("pwchange");
        var id = await CreateUserAsync(email);
        var token = await Api.LoginAsync("users", email, "1234567890");

        var patch = await Api.PatchAsync($"/api/collections/users/records/{id}", new JsonObject
        {
            ["oldPassword"] = "1234567890", ["password"] = "0987654321", ["passwordConfirm"] = "0987654321",
        }, token);

        Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.OK), patch.Text);
        Assert.That(await RefreshStatusAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ExpiredVerificationToken_IsRejectedByConfirm()
    {
        var email = UniqueEmail("expiredverify");
        var id = await CreateUserAsync(email);
        var key = Keys.TokenKey("users", id) + Keys.CollectionSecret(UsersId, "verificationToken");
        var expired = RawJwt.Hs256(Header, $$"""{"collectionId":"{{UsersId}}","email":"{{email}}","exp":{{DataKeys.Exp(TimeSpan.FromMinutes(-1))}},"id":"{{id}}","type":"verification"}""", key);
        var fresh = RawJwt.Hs256(Header, $$"""{"collectionId":"{{UsersId}}","email":"{{email}}","exp":{{DataKeys.Exp(TimeSpan.FromMinutes(5))}},"id":"{{id}}","type":"verification"}""", key);

        var rejected = await PostAsync("/api/collections/users/confirm-verification", new JsonObject { ["token"] = expired });
        var accepted = await PostAsync("/api/collections/users/confirm-verification", new JsonObject { ["token"] = fresh });

        Assert.Multiple(() =>
        {
            Assert.That(rejected.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.NoContent), accepted.Text);
        });
    }

    [Test]
    public async Task NewCollectionSecret_InvalidatesEveryAuthTokenOfTheCollection()
    {
        var email = UniqueEmail("secret");
        await CreateUserAsync(email);
        var token = await Api.LoginAsync("users", email, "1234567890");
        Assert.That(await RefreshStatusAsync(token), Is.EqualTo(HttpStatusCode.OK));

        var patch = await Api.PatchAsync("/api/collections/users", new JsonObject { ["authToken"] = new JsonObject { ["secret"] = new string('s', 40) } }, SuperuserToken);

        Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.OK), patch.Text);
        Assert.That(patch.Text, Does.Not.Contain(new string('s', 40)), "secrets are never returned");
        Assert.That(await RefreshStatusAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Api.LoginAsync("users", email, "1234567890"), Is.Not.Empty);
    }

    private static string SwapPayload(string token, string payload)
    {
        var parts = token.Split('.');
        return parts[0] + "." + RawJwt.Encode(payload) + "." + parts[2];
    }
}
