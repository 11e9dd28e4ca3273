using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary><c>settings.superuserIPs</c>. The last test locks the superuser out of this class's server.</summary>
public sealed class SuperuserIpTests : AuthFlowTestBase
{
    [TestCase("127.0.0.1", "127.0.0.1", true)]
    [TestCase("::ffff:127.0.0.1", "127.0.0.0/8", true)]
    [TestCase("10.1.2.3", "10.0.0.0/8", true)]
    [TestCase("11.1.2.3", "10.0.0.0/8", false)]
    [TestCase("::1", "127.0.0.1", false)]
    [TestCase("garbage", "127.0.0.1", false)]
    public void Allowed_MatchesAddressesAndRanges(string ip, string entry, bool allowed)
    {
        Assert.That(SuperuserIpGuard.Allowed(ip, [entry]), Is.EqualTo(allowed));
    }

    [Test]
    public async Task AllowedIp_KeepsWorking_OtherIp_IsRefusedForSuperusersOnly()
    {
        var email = UniqueEmail("ipuser");
        await CreateUserAsync(email);
        var allowed = await Api.PatchAsync("/api/settings", new JsonObject { ["superuserIPs"] = new JsonArray("127.0.0.1", "::1") }, SuperuserToken);
        Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK), allowed.Text);
        Assert.That((await Api.GetAsync("/api/settings", SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.OK));

        var locked = await Api.PatchAsync("/api/settings", new JsonObject { ["superuserIPs"] = new JsonArray("10.0.0.0/8") }, SuperuserToken);
        Assert.That(locked.Status, Is.EqualTo(HttpStatusCode.OK), locked.Text);

        var settings = await Api.GetAsync("/api/settings", SuperuserToken);
        var login = await PostAsync("/api/collections/_superusers/auth-with-password", new JsonObject { ["identity"] = "admin@example.com", ["password"] = "1234567890" });
        var user = await PostAsync("/api/collections/users/auth-with-password", new JsonObject { ["identity"] = email, ["password"] = "1234567890" });
        Assert.Multiple(() =>
        {
            Assert.That(settings.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(login.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(user.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
