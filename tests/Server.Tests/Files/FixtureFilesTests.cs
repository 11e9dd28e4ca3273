using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Files;

/// <summary>Files stored by upstream PocketBase in the fixture's <c>storage/</c> are served unchanged from a temp copy.</summary>
[CancelAfter(180_000)]
[NonParallelizable]
public sealed class FixtureFilesTests
{
    private const string Demo1 = "wsmn24bux7wo113";
    private const string Record = "84nmscqy84lsi1t";
    private string _source = "";
    private ServerProcess _server = null!;
    private ApiClient _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _source = SharedFixture.TestDataDir() ?? "";
        if (_source.Length == 0 || !Directory.Exists(Path.Combine(_source, "storage")))
        {
            Assert.Ignore("../shared/fixtures/pocketbase-testdata (with storage/) is not present next to the repository; the fixture files test needs it.");
        }

        var dataDir = SharedFixture.CopyToTemp(_source);
        CopyDirectory(Path.Combine(_source, "storage"), Path.Combine(dataDir, "storage"));
        _server = await ServerProcess.StartAsync(dataDir, superuserEmail: null);
        _api = new ApiClient(_server.BaseUri);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_source.Length > 0)
        {
            _api.Dispose();
            await _server.DisposeAsync();
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
    }

    private byte[] Original(params string[] parts) => File.ReadAllBytes(Path.Combine([_source, "storage", Demo1, Record, .. parts]));

    [TestCase("300_WlbFWSGmW9.png", "image/png")]
    [TestCase("logo_vcfJJG5TAh.svg", "image/svg+xml")]
    [TestCase("test_QZFjKjXchk.txt", "text/plain")]
    public async Task StoredFile_IsServedByteIdentical(string name, string type)
    {
        var (response, body) = await Multipart.DownloadAsync(_server.BaseUri, $"/api/files/demo1/{Record}/{name}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(Original(name)));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(type));
    }

    [Test]
    public async Task CachedThumb_IsServed_AndUnlistedSizeFallsBackToTheOriginal()
    {
        var (thumb, thumbBody) = await Multipart.DownloadAsync(_server.BaseUri, $"/api/files/{Demo1}/{Record}/300_WlbFWSGmW9.png?thumb=100x100");
        var (other, otherBody) = await Multipart.DownloadAsync(_server.BaseUri, $"/api/files/{Demo1}/{Record}/300_WlbFWSGmW9.png?thumb=33x33");

        Assert.That(thumb.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(thumbBody, Is.EqualTo(Original("thumbs_300_WlbFWSGmW9.png", "100x100_300_WlbFWSGmW9.png")));
        Assert.That(otherBody, Is.EqualTo(Original("300_WlbFWSGmW9.png")));
    }

    [Test]
    public async Task ProtectedFixtureFile_NeedsAFileToken()
    {
        var token = await _api.LoginAsync("_superusers", "test@example.com", "1234567890");
        var fileToken = (await _api.PostAsync("/api/files/token", new JsonObject(), token)).Object["token"]!.GetValue<string>();

        var (without, _) = await Multipart.DownloadAsync(_server.BaseUri, $"/api/files/demo1/{Record}/test_d61b33QdDU.txt");
        var (with, body) = await Multipart.DownloadAsync(_server.BaseUri, $"/api/files/demo1/{Record}/test_d61b33QdDU.txt?token={fileToken}");

        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(Original("test_d61b33QdDU.txt")));
    }
}
