namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>Runs <see cref="ApiScenario"/>s against a live server and asserts their expectations.</summary>
public static class ScenarioRunner
{
    public static async Task<ApiClient.Response> RunAsync(ApiClient api, ApiScenario s, Func<string, string?> tokenOf)
    {
        var response = await api.SendAsync(new HttpMethod(s.Method), s.Url, s.Body, tokenOf(s.Caller), s.RawBody, s.ContentType);
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(s.Status), $"{s.Name}: {response.Text}");
            foreach (var fragment in s.Expected)
            {
                Assert.That(response.Text, Does.Contain(fragment), s.Name);
            }

            foreach (var fragment in s.NotExpected)
            {
                Assert.That(response.Text, Does.Not.Contain(fragment), s.Name);
            }
        });
        return response;
    }
}
