using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SkiaSharp;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Files.Multipart;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Files;

/// <summary><c>GET /api/files/…</c>: headers, ranges, and protected files behind file tokens and the viewRule.</summary>
[CancelAfter(120_000)]
public sealed class FileDownloadTests : ServerTestBase
{
    private string _id = "";
    private string _text = "";
    private string _image = "";
    private string _secret = "";
    private string _photo = "";

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        var definition = Public("media",
            Field("owner", "text"),
            Field("text", "file"),
            Field("image", "file"),
            Field("secret", "file", new JsonObject { ["protected"] = true }),
            Field("photo", "file", new JsonObject { ["thumbs"] = new JsonArray("50x0", "40x40f") }));
        definition["viewRule"] = "owner = @request.auth.email";
        await CreateAsync(Api, SuperuserToken, definition);
        var created = await SendAsync(Server.BaseUri, HttpMethod.Post, "/api/collections/media/records",
            Form(("owner", "owner@example.com"), ("text", File("notes.txt", "0123456789")), ("image", ("pic.png", Png)), ("secret", File("secret.txt", "hidden")), ("photo", ("photo.png", PhotoPng))), SuperuserToken);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        (_id, _text, _image, _secret, _photo) = (Id(created, "id"), Id(created, "text"), Id(created, "image"), Id(created, "secret"), Id(created, "photo"));
    }

    private static readonly byte[] PhotoPng = MakePng(300, 200);

    private static byte[] MakePng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Id(ApiClient.Response r, string key) => r.Object[key]!.GetValue<string>();

    private string Url(string name, string query = "") => $"/api/files/media/{_id}/{name}{query}";

    private async Task<string> UserFileTokenAsync(string email)
    {
        var created = await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = email, ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        var auth = await Api.LoginAsync("users", email, "1234567890");
        return (await Api.PostAsync("/api/files/token", new JsonObject(), auth)).Object["token"]!.GetValue<string>();
    }

    [Test]
    public async Task Text_IsServedAsAttachment_WithUpstreamHeaders()
    {
        var (response, body) = await DownloadAsync(Server.BaseUri, Url(_text));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo("0123456789"));
            Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
            Assert.That(response.Content.Headers.ContentDisposition!.ToString(), Is.EqualTo("attachment; filename=" + _text));
            Assert.That(response.Headers.CacheControl!.ToString(), Is.EqualTo("max-age=2592000, stale-while-revalidate=86400"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo("default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox"));
            Assert.That(response.Headers.Contains("X-Frame-Options"), Is.False);
        });
    }

    [Test]
    public async Task ViewCollection_ServesTheSourceRecordsFile()
    {
        // A view stores no files; its file fields are served from the table record that holds them.
        var view = await Api.PostAsync("/api/collections", new JsonObject
        {
            ["name"] = "media_view",
            ["type"] = "view",
            ["listRule"] = "",
            ["viewRule"] = "",
            ["viewQuery"] = "SELECT id, text, photo FROM media",
        }, SuperuserToken);
        Assert.That(view.Status, Is.EqualTo(HttpStatusCode.OK), view.Text);

        var (response, body) = await DownloadAsync(Server.BaseUri, $"/api/files/media_view/{_id}/{_text}");
        var (thumb, thumbBody) = await DownloadAsync(Server.BaseUri, $"/api/files/media_view/{_id}/{_photo}?thumb=50x0");
        var (missing, _) = await DownloadAsync(Server.BaseUri, $"/api/files/media_view/{_id}/{_secret}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo("0123456789"));
            Assert.That(thumb.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SKBitmap.Decode(thumbBody).Width, Is.EqualTo(50));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the view does not select that field");
        });
    }

    [Test]
    public async Task NestedViewWithAliases_ServesTheSourceRecordsFile()
    {
        // The file field is renamed twice; only the query tells which table field holds the file.
        foreach (var (name, query) in new[] { ("media_alias", "SELECT m.id, m.text AS attachment FROM media m"), ("media_nested", "SELECT v.id, v.attachment AS doc FROM media_alias v") })
        {
            var view = await Api.PostAsync("/api/collections", new JsonObject { ["name"] = name, ["type"] = "view", ["listRule"] = "", ["viewRule"] = "", ["viewQuery"] = query }, SuperuserToken);
            Assert.That(view.Status, Is.EqualTo(HttpStatusCode.OK), view.Text);
        }

        var (response, body) = await DownloadAsync(Server.BaseUri, $"/api/files/media_nested/{_id}/{_text}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo("0123456789"));
    }

    [TestCase("", "inline")]
    [TestCase("?download=1", "attachment")]
    public async Task Image_IsInlineUnlessDownloadIsAsked(string query, string disposition)
    {
        var (response, body) = await DownloadAsync(Server.BaseUri, Url(_image, query));

        Assert.That(body, Is.EqualTo(Png));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/png"));
        Assert.That(response.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo(disposition));
    }

    [Test]
    public async Task Range_Returns206WithThePart()
    {
        var (response, body) = await DownloadAsync(Server.BaseUri, Url(_text), "bytes=2-4");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo("234"));
    }

    [TestCase("nope_1234567890.txt")]
    public async Task UnknownName_Is404(string name)
    {
        var (response, _) = await DownloadAsync(Server.BaseUri, Url(name));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task NameOfAnotherRecord_Is404()
    {
        var (response, _) = await DownloadAsync(Server.BaseUri, $"/api/files/media/otherrecord1234/{_text}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Protected_WithoutOrWithBadToken_Is404()
    {
        var (none, _) = await DownloadAsync(Server.BaseUri, Url(_secret));
        var (bad, _) = await DownloadAsync(Server.BaseUri, Url(_secret, "?token=abc.def.ghi"));

        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Protected_TokenOfUserFailingTheViewRule_Is404()
    {
        var token = await UserFileTokenAsync($"other-{Guid.NewGuid():N}@example.com");

        var (response, _) = await DownloadAsync(Server.BaseUri, Url(_secret, "?token=" + token));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Protected_TokenOfUserPassingTheViewRule_Or_Superuser_Downloads()
    {
        var userToken = await UserFileTokenAsync("owner@example.com");
        var superToken = (await Api.PostAsync("/api/files/token", new JsonObject(), SuperuserToken)).Object["token"]!.GetValue<string>();

        var (asUser, userBody) = await DownloadAsync(Server.BaseUri, Url(_secret, "?token=" + userToken));
        var (asSuper, superBody) = await DownloadAsync(Server.BaseUri, Url(_secret, "?token=" + superToken));

        Assert.Multiple(() =>
        {
            Assert.That(asUser.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Encoding.UTF8.GetString(userBody), Is.EqualTo("hidden"));
            Assert.That(asSuper.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Encoding.UTF8.GetString(superBody), Is.EqualTo("hidden"));
        });
    }

    [Test]
    public async Task Protected_AuthorizationHeaderIsNotEnough()
    {
        var response = await Api.GetAsync(Url(_secret), SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("100x100", 100, 100)]
    [TestCase("50x0", 50, 33)]
    [TestCase("40x40f", 40, 27)]
    public async Task Thumb_OfAllowedSize_IsMadeAndCached(string size, int width, int height)
    {
        var (response, body) = await DownloadAsync(Server.BaseUri, Url(_photo, "?thumb=" + size));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var thumb = SKBitmap.Decode(body);
        Assert.That(new[] { thumb.Width, thumb.Height }, Is.EqualTo(new[] { width, height }));
        var cached = Path.Combine(Server.DataDir, "storage", (await Api.GetAsync("/api/collections/media", SuperuserToken)).Object["id"]!.GetValue<string>(), _id, "thumbs_" + _photo, size + "_" + _photo);
        Assert.That(System.IO.File.ReadAllBytes(cached), Is.EqualTo(body));
    }

    [TestCase("33x33")]
    [TestCase("0x0")]
    public async Task Thumb_OfUnlistedSize_ServesTheOriginal(string size)
    {
        var (response, body) = await DownloadAsync(Server.BaseUri, Url(_photo, "?thumb=" + size));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(PhotoPng));
    }
}
