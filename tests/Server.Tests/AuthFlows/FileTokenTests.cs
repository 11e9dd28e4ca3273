using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

public sealed class FileTokenTests : AuthFlowTestBase
{
    [Test]
    public async Task AuthRecord_GetsAFileTokenSignedWithTheFileSecret()
    {
        var email = UniqueEmail("file");
        var id = await CreateUserAsync(email);
        var auth = await Api.LoginAsync("users", email, "1234567890");

        var response = await PostAsync("/api/files/token", new JsonObject(), auth);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var token = response.Object["token"]!.GetValue<string>();
        var keys = new DataKeys(Server.DataDir);
        var expectedKey = keys.TokenKey("users", id) + keys.CollectionSecret("_pb_users_auth_", "fileToken");
        Assert.That(PocketBaseSharp.Server.Auth.Jwt.VerifySignature(token, expectedKey), Is.True);
        var segment = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '='))))!;
        Assert.Multiple(() =>
        {
            Assert.That(payload["type"]!.GetValue<string>(), Is.EqualTo("file"));
            Assert.That(payload["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(payload["exp"]!.GetValue<long>() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Is.InRange(170, 181));
        });

        // A file token is not an auth token.
        Assert.That((await PostAsync("/api/collections/users/auth-refresh", new JsonObject(), token)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Guest_Is401()
    {
        var response = await PostAsync("/api/files/token", new JsonObject());

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
