using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Tests.Auth;

public sealed class JwtTests
{
    private const string VectorToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb2xsZWN0aW9uSWQiOiJfcGJfdXNlcnNfYXV0aF8iLCJleHAiOjE3MTAzNDk1MDEsImlkIjoidTFhYWFhYWFhYWFhYWFhIiwicmVmcmVzaGFibGUiOnRydWUsInR5cGUiOiJhdXRoIn0.liZfFU3goR2eeGIRBr89IGAbf_rXKfG2WVqbNLx7TK0";

    [Test]
    public void Sign_SpecTestVector_MatchesExactly()
    {
        // Keys deliberately unsorted: the signer must sort them as upstream does.
        var claims = new JsonObject
        {
            ["type"] = "auth",
            ["id"] = "u1aaaaaaaaaaaaa",
            ["exp"] = 1710349501,
            ["collectionId"] = "_pb_users_auth_",
            ["refreshable"] = true,
        };

        var token = Jwt.Sign(claims, "tokenKeyOfTheRecord" + "collectionAuthSecret");

        Assert.That(token, Is.EqualTo(VectorToken));
    }

    [Test]
    public void Sign_PayloadIsTheSortedClaimsAsToJsonStringWritesThem()
    {
        var claims = new JsonObject { ["z"] = "é<+>&'", ["a"] = new JsonArray(1, "x", null), ["m"] = null, ["n"] = 1.5, ["b"] = new JsonObject { ["y"] = true, ["x"] = false } };
        var sorted = new JsonObject(claims.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var payload = Jwt.Sign(claims, "key").Split('.')[1];

        Assert.That(System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload)), Is.EqualTo(sorted.ToJsonString()));
    }

    [Test]
    public void VerifySignature_RightAndWrongKey()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Jwt.VerifySignature(VectorToken, "tokenKeyOfTheRecordcollectionAuthSecret"), Is.True);
            Assert.That(Jwt.VerifySignature(VectorToken, "otherKeycollectionAuthSecret"), Is.False);
        });
    }

    [Test]
    public void ReadUnverified_RejectsGarbageAndOtherAlgorithms()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Jwt.ReadUnverified("not-a-token"), Is.Null);
            Assert.That(Jwt.ReadUnverified("eyJhbGciOiJub25lIn0.eyJpZCI6IngifQ.sig"), Is.Null);
            Assert.That(Jwt.ReadUnverified(VectorToken)?["id"]?.GetValue<string>(), Is.EqualTo("u1aaaaaaaaaaaaa"));
        });
    }
}
