using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Files.Multipart;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Files;

/// <summary>Uploads through the records API: storage layout, names, validation, modifiers, deletion.</summary>
[CancelAfter(120_000)]
public sealed class FileUploadTests : ServerTestBase
{
    private string _collectionId = "";

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        var created = await CreateAsync(Api, SuperuserToken, Public("docs",
            Field("title", "text"),
            Field("many", "file", new JsonObject { ["maxSelect"] = 3, ["maxSize"] = 100 }),
            Field("image", "file", new JsonObject { ["maxSelect"] = 1, ["mimeTypes"] = new JsonArray("image/png") })));
        _collectionId = created["id"]!.GetValue<string>();
    }

    private string StoragePath(string recordId, string name = "") => Path.Combine(Server.DataDir, "storage", _collectionId, recordId, name);

    private Task<ApiClient.Response> CreateRecordAsync(HttpContent content) => SendAsync(Server.BaseUri, HttpMethod.Post, "/api/collections/docs/records", content);

    private Task<ApiClient.Response> UpdateAsync(string id, HttpContent content) => SendAsync(Server.BaseUri, HttpMethod.Patch, $"/api/collections/docs/records/{id}", content);

    private static List<string> Names(JsonNode? value) => value is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [];

    [Test]
    public async Task Create_StoresEachUploadUnderCollectionAndRecord_WithGeneratedNames()
    {
        var response = await CreateRecordAsync(Form(("title", "a"), ("many", File("Hello World.TXT", "one")), ("many", File("myNotes.md", "two")), ("image", ("p.png", Png))));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var id = response.Object["id"]!.GetValue<string>();
        var many = Names(response.Object["many"]);
        var image = response.Object["image"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(many, Has.Count.EqualTo(2));
            Assert.That(many[0], Does.Match("^hello_world_[a-z0-9]{10}\\.txt$"));
            Assert.That(many[1], Does.Match("^my_notes_[a-z0-9]{10}\\.md$"));
            Assert.That(image, Does.Match("^p[a-z0-9]{10}_[a-z0-9]{10}\\.png$"));
            Assert.That(System.IO.File.ReadAllText(StoragePath(id, many[0])), Is.EqualTo("one"));
            Assert.That(System.IO.File.ReadAllText(StoragePath(id, many[1])), Is.EqualTo("two"));
            Assert.That(System.IO.File.ReadAllBytes(StoragePath(id, image)), Is.EqualTo(Png));
        });
    }

    [Test]
    public async Task Create_WithJsonPayloadAndFiles_MergesBoth()
    {
        var response = await CreateRecordAsync(Form(("@jsonPayload", new JsonObject { ["title"] = "from payload" }), ("many", File("a.txt", "x"))));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(response.Object["title"]!.GetValue<string>(), Is.EqualTo("from payload"));
        Assert.That(Names(response.Object["many"]), Has.Count.EqualTo(1));
    }

    [TestCase("many", "big.txt", 101, "validation_file_size_limit")]
    [TestCase("image", "not-png.txt", 10, "validation_invalid_mime_type")]
    public async Task Create_InvalidUpload_Is400WithFieldCode(string field, string name, int size, string code)
    {
        var response = await CreateRecordAsync(Form((field, (name, Encoding.UTF8.GetBytes(new string('a', size))))));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["data"]![field]!["code"]!.GetValue<string>(), Is.EqualTo(code));
    }

    [Test]
    public async Task Create_TooManyFiles_IsValidationTooManyFiles_AndNothingIsStored()
    {
        var before = Directory.Exists(Path.Combine(Server.DataDir, "storage", _collectionId)) ? Directory.GetDirectories(Path.Combine(Server.DataDir, "storage", _collectionId)).Length : 0;
        var response = await CreateRecordAsync(Form(("many", File("1.txt", "1")), ("many", File("2.txt", "2")), ("many", File("3.txt", "3")), ("many", File("4.txt", "4"))));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["data"]!["many"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_too_many_files"));
        var after = Directory.Exists(Path.Combine(Server.DataDir, "storage", _collectionId)) ? Directory.GetDirectories(Path.Combine(Server.DataDir, "storage", _collectionId)).Length : 0;
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task Update_UnknownFileName_IsValidationInvalidFile()
    {
        var created = await CreateRecordAsync(Form(("many", File("a.txt", "a"))));
        var id = created.Object["id"]!.GetValue<string>();

        var response = await Api.PatchAsync($"/api/collections/docs/records/{id}", new JsonObject { ["many"] = new JsonArray("someone_elses_file.txt") }, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Object["data"]!["many"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_file"));
    }

    [Test]
    public async Task Update_AppendRemoveAndKeep_DeleteDroppedFilesFromStorage()
    {
        var created = await CreateRecordAsync(Form(("many", File("a.txt", "a")), ("many", File("b.txt", "b"))));
        var id = created.Object["id"]!.GetValue<string>();
        var (a, b) = (Names(created.Object["many"])[0], Names(created.Object["many"])[1]);

        var appended = await UpdateAsync(id, Form(("many+", File("c.txt", "c"))));
        var c = Names(appended.Object["many"]).Last();
        Assert.That(Names(appended.Object["many"]), Is.EqualTo(new[] { a, b, c }));

        var removed = await UpdateAsync(id, Form(("many-", a)));
        Assert.That(Names(removed.Object["many"]), Is.EqualTo(new[] { b, c }));
        Assert.That(System.IO.File.Exists(StoragePath(id, a)), Is.False);

        // Sending the remaining names under the plain key keeps exactly those.
        var kept = await Api.PatchAsync($"/api/collections/docs/records/{id}", new JsonObject { ["many"] = new JsonArray(c) });
        Assert.That(Names(kept.Object["many"]), Is.EqualTo(new[] { c }));
        Assert.Multiple(() =>
        {
            Assert.That(System.IO.File.Exists(StoragePath(id, b)), Is.False);
            Assert.That(System.IO.File.ReadAllText(StoragePath(id, c)), Is.EqualTo("c"));
        });
    }

    [Test]
    public async Task Update_UploadUnderPlainKey_ReplacesTheFiles()
    {
        var created = await CreateRecordAsync(Form(("many", File("a.txt", "a"))));
        var id = created.Object["id"]!.GetValue<string>();
        var a = Names(created.Object["many"])[0];

        var replaced = await UpdateAsync(id, Form(("many", File("new.txt", "n"))));

        Assert.That(Names(replaced.Object["many"]), Has.Count.EqualTo(1).And.Not.Contain(a));
        Assert.That(System.IO.File.Exists(StoragePath(id, a)), Is.False);
    }

    [Test]
    public async Task Delete_RemovesTheRecordFolder()
    {
        var created = await CreateRecordAsync(Form(("many", File("a.txt", "a"))));
        var id = created.Object["id"]!.GetValue<string>();
        Assert.That(Directory.Exists(StoragePath(id)), Is.True);

        var response = await Api.DeleteAsync($"/api/collections/docs/records/{id}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent), response.Text);
        Assert.That(Directory.Exists(StoragePath(id)), Is.False);
    }

    [Test]
    public async Task FailedBatch_RollsBack_AndKeepsTheOldFiles()
    {
        var settings = await Api.PatchAsync("/api/settings", new JsonObject { ["batch"] = new JsonObject { ["enabled"] = true } }, SuperuserToken);
        Assert.That(settings.Status, Is.EqualTo(HttpStatusCode.OK), settings.Text);
        var created = await CreateRecordAsync(Form(("many", File("old.txt", "old"))));
        var id = created.Object["id"]!.GetValue<string>();
        var old = Names(created.Object["many"])[0];
        var requests = new JsonArray(
            new JsonObject { ["method"] = "PATCH", ["url"] = $"/api/collections/docs/records/{id}" },
            new JsonObject { ["method"] = "PATCH", ["url"] = "/api/collections/docs/records/missingrecord12" });

        var response = await SendAsync(Server.BaseUri, HttpMethod.Post, "/api/batch", Form(("@jsonPayload", new JsonObject { ["requests"] = requests }), ("requests.0.many", File("new.txt", "new"))));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.Multiple(() =>
        {
            Assert.That(System.IO.File.ReadAllText(StoragePath(id, old)), Is.EqualTo("old"));
            Assert.That(Directory.GetFiles(StoragePath(id)).Where(f => !f.EndsWith(".attrs", StringComparison.Ordinal)), Has.Exactly(1).Items);
        });
    }

    [Test]
    public async Task Batch_UploadsFilesOfEachSubRequest()
    {
        var settings = await Api.PatchAsync("/api/settings", new JsonObject { ["batch"] = new JsonObject { ["enabled"] = true } }, SuperuserToken);
        Assert.That(settings.Status, Is.EqualTo(HttpStatusCode.OK), settings.Text);
        var requests = new JsonArray(new JsonObject { ["method"] = "POST", ["url"] = "/api/collections/docs/records", ["body"] = new JsonObject { ["title"] = "b" } });

        var response = await SendAsync(Server.BaseUri, HttpMethod.Post, "/api/batch", Form(("@jsonPayload", new JsonObject { ["requests"] = requests }), ("requests.0.many", File("x.txt", "batch"))));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var body = response.Json![0]!["body"]!;
        Assert.That(System.IO.File.ReadAllText(StoragePath(body["id"]!.GetValue<string>(), Names(body["many"])[0])), Is.EqualTo("batch"));
    }

    [Test]
    public async Task CascadeDelete_RemovesTheFoldersOfCascadedRecords()
    {
        var child = Public("attachments", Field("file", "file"), Field("doc", "relation", new JsonObject { ["collectionId"] = _collectionId, ["cascadeDelete"] = true, ["maxSelect"] = 1 }));
        var childId = (await CreateAsync(Api, SuperuserToken, child))["id"]!.GetValue<string>();
        var parent = (await CreateRecordAsync(Form(("many", File("p.txt", "p"))))).Object["id"]!.GetValue<string>();
        var attached = await SendAsync(Server.BaseUri, HttpMethod.Post, "/api/collections/attachments/records", Form(("doc", parent), ("file", File("c.txt", "c"))));
        Assert.That(attached.Status, Is.EqualTo(HttpStatusCode.OK), attached.Text);
        var childFolder = Path.Combine(Server.DataDir, "storage", childId, attached.Object["id"]!.GetValue<string>());
        Assert.That(Directory.Exists(childFolder), Is.True);

        var response = await Api.DeleteAsync($"/api/collections/docs/records/{parent}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent), response.Text);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(StoragePath(parent)), Is.False);
            Assert.That(Directory.Exists(childFolder), Is.False);
        });
    }

    [Test]
    public async Task DeletingTheCollection_RemovesItsStorageFolder()
    {
        var id = (await CreateAsync(Api, SuperuserToken, Public("temporary", Field("file", "file"))))["id"]!.GetValue<string>();
        var created = await SendAsync(Server.BaseUri, HttpMethod.Post, "/api/collections/temporary/records", Form(("file", File("t.txt", "t"))));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        Assert.That(Directory.Exists(Path.Combine(Server.DataDir, "storage", id)), Is.True);

        var response = await Api.DeleteAsync("/api/collections/temporary", SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NoContent), response.Text);
        Assert.That(Directory.Exists(Path.Combine(Server.DataDir, "storage", id)), Is.False);
    }
}
