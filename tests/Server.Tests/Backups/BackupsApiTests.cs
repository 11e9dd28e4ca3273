using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using TestCollections = PocketBaseSharp.Server.Tests.Support.Collections;
using static PocketBaseSharp.Server.Tests.Backups.BackupTestSupport;

namespace PocketBaseSharp.Server.Tests.Backups;

/// <summary>Create, list, download, delete and upload of <c>/api/backups</c> (http-api.md §10).</summary>
public sealed class BackupsApiTests : ServerTestBase
{
    [OneTimeSetUp]
    public async Task CreateCollectionAsync() =>
        await TestCollections.CreateAsync(Api, SuperuserToken, TestCollections.Public("notes", TestCollections.Field("title", "text")));

    [Test]
    public async Task Create_ListsTheZip_WhoseDataDbHoldsEarlierRecords()
    {
        await CreateRecordAsync(Api, SuperuserToken, "notes", "before-backup");

        var created = await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "first_backup.zip" }, SuperuserToken);
        var list = await ListAsync(Api, SuperuserToken);
        using var download = await DownloadAsync(Server.BaseUri, "first_backup.zip", await FileTokenAsync(Api, SuperuserToken));
        var bytes = await download.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.NoContent), created.Text);
            var item = list.Single(i => i!["key"]!.GetValue<string>() == "first_backup.zip")!;
            Assert.That(item["size"]!.GetValue<long>(), Is.EqualTo(bytes.Length));
            Assert.That(item["modified"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(download.Content.Headers.ContentDisposition?.ToString(), Is.EqualTo("attachment; filename=first_backup.zip"));
            Assert.That(TitlesInZip(bytes, "notes"), Does.Contain("before-backup"));
        });
    }

    [Test]
    public async Task Create_WithoutName_UsesTheDefaultName()
    {
        var created = await Api.PostAsync("/api/backups", null, SuperuserToken);

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.NoContent), created.Text);
        Assert.That(Keys(await ListAsync(Api, SuperuserToken)), Has.Some.Match(@"^pb_backup_acme_\d{14}\.zip$"));
    }

    [TestCase("Upper.zip", "validation_match_invalid")]
    [TestCase("no_extension", "validation_match_invalid")]
    [TestCase("../escape.zip", "validation_match_invalid")]
    [TestCase("taken.zip", "validation_backup_name_exists")]
    public async Task Create_InvalidName_Is400WithFieldError(string name, string code)
    {
        await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "taken.zip" }, SuperuserToken);

        var response = await Api.PostAsync("/api/backups", new JsonObject { ["name"] = name }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("An error occurred while validating the submitted data."));
        Assert.That(response.Object["data"]!["name"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
    }

    [Test]
    public async Task Create_TooLongName_Is400()
    {
        var response = await Api.PostAsync("/api/backups", new JsonObject { ["name"] = new string('a', 150) + ".zip" }, SuperuserToken);

        Assert.That(response.Object["data"]!["name"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_out_of_range"), response.Text);
    }

    [Test]
    public async Task GuestsAndUsers_AreRejected()
    {
        var email = $"backups-{Guid.NewGuid():N}@example.com";
        await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = email, ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" });
        var user = await Api.LoginAsync("users", email, "1234567890");
        await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "guarded.zip" }, SuperuserToken);

        var statuses = new[]
        {
            (await Api.GetAsync("/api/backups")).Status,
            (await Api.GetAsync("/api/backups", user)).Status,
            (await Api.PostAsync("/api/backups", null, user)).Status,
            (await Api.DeleteAsync("/api/backups/guarded.zip", user)).Status,
            (await Api.PostAsync("/api/backups/guarded.zip/restore", null, user)).Status,
        };
        using var noToken = await DownloadAsync(Server.BaseUri, "guarded.zip", null);
        using var userToken = await DownloadAsync(Server.BaseUri, "guarded.zip", await FileTokenAsync(Api, user));
        using var badToken = await DownloadAsync(Server.BaseUri, "guarded.zip", "not-a-token");
        using var authToken = await DownloadAsync(Server.BaseUri, "guarded.zip", SuperuserToken);

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }));
        foreach (var download in new[] { noToken, userToken, badToken, authToken })
        {
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await download.Content.ReadAsStringAsync(), Does.Contain("Insufficient permissions to access the resource."));
        }
    }

    [TestCase("missing.zip")]
    [TestCase("..%2Fdata.db")]
    [TestCase("..")]
    public async Task Download_UnknownOrEscapingKey_Is404(string key)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        var response = await http.GetAsync($"/api/backups/{key}?token=" + await FileTokenAsync(Api, SuperuserToken));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_RemovesTheFile_ThenUnknownIs400()
    {
        await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "to_delete.zip" }, SuperuserToken);

        var deleted = await Api.DeleteAsync("/api/backups/to_delete.zip", SuperuserToken);
        var again = await Api.DeleteAsync("/api/backups/to_delete.zip", SuperuserToken);

        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent), deleted.Text);
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest), again.Text);
        Assert.That(Keys(await ListAsync(Api, SuperuserToken)), Does.Not.Contain("to_delete.zip"));
    }

    [Test]
    public async Task Upload_ADownloadedBackupUnderAnotherName_RoundTrips()
    {
        await CreateRecordAsync(Api, SuperuserToken, "notes", "uploaded-record");
        await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "source.zip" }, SuperuserToken);
        using var download = await DownloadAsync(Server.BaseUri, "source.zip", await FileTokenAsync(Api, SuperuserToken));
        var bytes = await download.Content.ReadAsByteArrayAsync();

        var uploaded = await UploadAsync(Server.BaseUri, SuperuserToken, bytes, "copy_of_source.zip");
        var duplicate = await UploadAsync(Server.BaseUri, SuperuserToken, bytes, "copy_of_source.zip");
        var notZip = await UploadAsync(Server.BaseUri, SuperuserToken, "plain text"u8.ToArray(), "fake.zip", "text/plain");
        using var copy = await DownloadAsync(Server.BaseUri, "copy_of_source.zip", await FileTokenAsync(Api, SuperuserToken));

        Assert.Multiple(async () =>
        {
            Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.NoContent), uploaded.Text);
            Assert.That(duplicate.Object["data"]!["file"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_backup_name_exists"));
            Assert.That(notZip.Object["data"]!["file"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_mime_type"));
            Assert.That(await copy.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
            Assert.That(TitlesInZip(bytes, "notes"), Does.Contain("uploaded-record"));
        });
    }

    [Test]
    public async Task Upload_WithoutFile_Is400Required()
    {
        var response = await Api.PostAsync("/api/backups/upload", new JsonObject(), SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["file"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"), response.Text);
    }

    [Test]
    public async Task Health_CanBackup_WhenIdle()
    {
        var health = await Api.GetAsync("/api/health", SuperuserToken);

        Assert.That(health.Object["data"]!["canBackup"]!.GetValue<bool>(), Is.True);
    }
}
