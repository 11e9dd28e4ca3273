using System.Net;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Api;

[CancelAfter(60_000)]
public sealed class PublicFilesTests
{
    [Test]
    public async Task PbPublic_ServedAtRoot_WithRedirectsAndSpaFallback()
    {
        var root = Path.Combine(Path.GetTempPath(), "pbs-public-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<h1>spa</h1>");
        await File.WriteAllTextAsync(Path.Combine(root, "app.js"), "console.log(1)");
        await File.WriteAllTextAsync(Path.Combine(root, "docs", "index.html"), "<h1>docs</h1>");
        try
        {
            await using var server = await ServerProcess.StartAsync(superuserEmail: null, extraArgs: ["--publicDir", root]);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
            var index = await http.GetAsync("/");
            var js = await http.GetAsync("/app.js");
            var dir = await http.GetAsync("/docs");
            var fallback = await http.GetAsync("/some/client/route");
            var api = await http.GetAsync("/api/health");
            Assert.Multiple(async () =>
            {
                Assert.That(await index.Content.ReadAsStringAsync(), Is.EqualTo("<h1>spa</h1>"));
                Assert.That(js.Content.Headers.ContentType?.MediaType, Does.Contain("javascript"));
                Assert.That(dir.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
                Assert.That(dir.Headers.Location?.ToString(), Is.EqualTo("/docs/"));
                Assert.That(fallback.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(await fallback.Content.ReadAsStringAsync(), Is.EqualTo("<h1>spa</h1>"));
                Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain("API is healthy."));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
