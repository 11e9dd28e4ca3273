using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary>
/// A token's verified answer is reused between requests (<c>AuthTokenCache</c>), yet every change
/// made through the server is seen by the very next request, as upstream (which reads the auth
/// record on every request) behaves. Each test warms the cache with a request first.
/// </summary>
public sealed class AuthTokenFreshnessTests : AuthFlowTestBase
{
    private async Task<(string Id, string Token)> UserAsync(string prefix)
    {
        var email = UniqueEmail(prefix);
        var id = await CreateUserAsync(email);
        var token = await Api.LoginAsync("users", email, "1234567890");
        Assert.That((await RefreshAsync(token)).Status, Is.EqualTo(HttpStatusCode.OK));
        return (id, token);
    }

    private Task<ApiClient.Response> RefreshAsync(string token) =>
        Api.PostAsync("/api/collections/users/auth-refresh", new JsonObject(), token);

    private async Task PatchUserAsync(string id, JsonObject body)
    {
        var response = await Api.PatchAsync($"/api/collections/users/records/{id}", body, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
    }

    [Test]
    public async Task FieldChangedBySomeoneElse_IsInTheNextRefresh()
    {
        var (id, token) = await UserAsync("fresh-name");

        await PatchUserAsync(id, new JsonObject { ["name"] = "renamed" });
        var refreshed = await RefreshAsync(token);

        Assert.That(refreshed.Object["record"]!["name"]!.GetValue<string>(), Is.EqualTo("renamed"), refreshed.Text);
    }

    [Test]
    public async Task PasswordChangedBySuperuser_EndsTheOldTokenAtOnce()
    {
        var (id, token) = await UserAsync("fresh-password");

        await PatchUserAsync(id, new JsonObject { ["password"] = "0987654321", ["passwordConfirm"] = "0987654321" });

        Assert.That((await RefreshAsync(token)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task DeletedUser_IsAGuestAtOnce()
    {
        var (id, token) = await UserAsync("fresh-delete");

        var deleted = await Api.DeleteAsync($"/api/collections/users/records/{id}", SuperuserToken);
        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent), deleted.Text);

        Assert.That((await RefreshAsync(token)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ChangeThroughTheSqlConsole_IsInTheNextRefresh()
    {
        var (id, token) = await UserAsync("fresh-sql");

        var sql = await Api.PostAsync("/api/sql", new JsonObject { ["query"] = $"UPDATE users SET name = 'by sql' WHERE id = '{id}'" }, SuperuserToken);
        Assert.That(sql.Status, Is.EqualTo(HttpStatusCode.OK), sql.Text);
        var refreshed = await RefreshAsync(token);

        Assert.That(refreshed.Object["record"]!["name"]!.GetValue<string>(), Is.EqualTo("by sql"), refreshed.Text);
    }

    [Test]
    public async Task ConsoleWriteTheLooseCheckTakesForARead_IsInTheNextRefresh()
    {
        var (id, token) = await UserAsync("fresh-cte");

        // Upstream's check sends a statement starting with WITH to a reader; it still writes.
        var sql = await Api.PostAsync("/api/sql", new JsonObject { ["query"] = $"WITH target AS (SELECT '{id}' AS id) UPDATE users SET name = 'by cte' WHERE id IN (SELECT id FROM target)" }, SuperuserToken);
        Assert.That(sql.Status, Is.EqualTo(HttpStatusCode.OK), sql.Text);
        var refreshed = await RefreshAsync(token);

        Assert.That(refreshed.Object["record"]!["name"]!.GetValue<string>(), Is.EqualTo("by cte"), refreshed.Text);
    }

    [Test]
    public async Task RotatedCollectionSecret_EndsTheTokenAtOnce()
    {
        var (_, token) = await UserAsync("fresh-secret");

        await PatchUsersCollectionAsync(new JsonObject { ["authToken"] = new JsonObject { ["secret"] = new string('s', 50) } });

        Assert.That((await RefreshAsync(token)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
