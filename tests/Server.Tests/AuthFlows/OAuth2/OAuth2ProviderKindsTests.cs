using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Tests.AuthFlows.OAuth2;

/// <summary>Each named provider maps its own user JSON shape to the same fields.</summary>
public sealed class OAuth2ProviderKindsTests
{
    private static OAuth2UserFields Map(string provider, string json) =>
        OAuth2ProviderKinds.Find(provider)!.MapUser(JsonNode.Parse(json)!.AsObject());

    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData("google", """{"sub":"g1","name":"G","email":"g@example.com","email_verified":true,"picture":"http://p/g"}""",
            new OAuth2UserFields("g1", "G", "", "g@example.com", "http://p/g"));
        yield return new TestCaseData("oidc2", """{"sub":"o1","name":"O","preferred_username":"oo","email":"o@example.com","email_verified":"true"}""",
            new OAuth2UserFields("o1", "O", "oo", "o@example.com", ""));
        yield return new TestCaseData("github", """{"id":42,"login":"octo","name":"Octo","email":null,"avatar_url":"http://a"}""",
            new OAuth2UserFields("42", "Octo", "octo", "", "http://a"));
        yield return new TestCaseData("gitlab", """{"id":7,"username":"gl","name":"Gl","email":"gl@example.com","avatar_url":"http://b"}""",
            new OAuth2UserFields("7", "Gl", "gl", "gl@example.com", "http://b"));
        yield return new TestCaseData("gitea", """{"id":8,"login":"gt","full_name":"Gt","email":"gt@example.com","avatar_url":"http://c"}""",
            new OAuth2UserFields("8", "Gt", "gt", "gt@example.com", "http://c"));
        yield return new TestCaseData("discord", """{"id":"80351110224678912","username":"nelly","global_name":"Nelly","avatar":"8342729096ea3675442027381ff50dfe","verified":true,"email":"nelly@example.com"}""",
            new OAuth2UserFields("80351110224678912", "Nelly", "nelly", "nelly@example.com", "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png"));
        yield return new TestCaseData("discord", """{"id":"1","username":"u","verified":false,"email":"u@example.com","avatar":null}""",
            new OAuth2UserFields("1", "u", "u", "", ""));
        yield return new TestCaseData("microsoft", """{"id":"m1","displayName":"Ms","mail":"ms@example.com"}""",
            new OAuth2UserFields("m1", "Ms", "", "ms@example.com", ""));
    }

    [TestCaseSource(nameof(Shapes))]
    public void MapUser_ReadsTheProvidersShape(string provider, string json, OAuth2UserFields expected)
    {
        Assert.That(Map(provider, json), Is.EqualTo(expected));
    }

    [Test]
    public void UpstreamNamesWithoutAShape_AreKnownButNotSupported()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OAuth2ProviderKinds.KnownNames, Does.Contain("twitch"));
            Assert.That(OAuth2ProviderKinds.Find("twitch"), Is.Null);
            Assert.That(OAuth2ProviderKinds.KnownNames.Where(n => OAuth2ProviderKinds.Find(n) is not null),
                Is.EquivalentTo(new[] { "google", "github", "gitlab", "gitea", "discord", "microsoft", "oidc", "oidc2", "oidc3" }));
        });
    }
}
