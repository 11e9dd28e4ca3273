using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>Records CRUD over every field type on a public collection.</summary>
[CancelAfter(120_000)]
public sealed class RecordCrudTests : ServerTestBase
{
    private string _ownersId = "";

    [OneTimeSetUp]
    public async Task CreateCollectionsAsync()
    {
        var owners = await CreateAsync(Api, SuperuserToken, Public("owners", Field("name", "text")));
        _ownersId = owners["id"]!.GetValue<string>();
        await CreateAsync(Api, SuperuserToken, Public(
            "kitchen",
            Field("title", "text", new JsonObject { ["required"] = true, ["max"] = 10 }),
            Field("count", "number", new JsonObject { ["min"] = 0, ["max"] = 10 }),
            Field("whole", "number", new JsonObject { ["onlyInt"] = true }),
            Field("flag", "bool"),
            Field("mail", "email", new JsonObject { ["exceptDomains"] = new JsonArray("blocked.com") }),
            Field("site", "url"),
            Field("body", "editor"),
            Field("when", "date"),
            Field("tags", "select", new JsonObject { ["values"] = new JsonArray("a", "b", "c"), ["maxSelect"] = 3 }),
            Field("one", "select", new JsonObject { ["values"] = new JsonArray("x", "y"), ["maxSelect"] = 1 }),
            Field("data", "json"),
            Field("pos", "geoPoint"),
            Field("secret", "text", new JsonObject { ["hidden"] = true }),
            Field("owner", "relation", new JsonObject { ["collectionId"] = _ownersId, ["maxSelect"] = 1 }),
            Field("owners", "relation", new JsonObject { ["collectionId"] = _ownersId, ["maxSelect"] = 5 })));
    }

    private async Task<string> OwnerAsync(string name)
    {
        var response = await Api.PostAsync("/api/collections/owners/records", new { name });
        return response.Object["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Create_AllFieldTypes_NormalisedAndReturned200()
    {
        var owner = await OwnerAsync("o1");
        var response = await Api.PostAsync("/api/collections/kitchen/records", new JsonObject
        {
            ["title"] = "hello", ["count"] = "7", ["whole"] = 3, ["flag"] = "true", ["mail"] = "a@b.co", ["site"] = "https://example.com/x",
            ["body"] = "<p>hi</p>", ["when"] = "2024-03-09T17:05:01Z", ["tags"] = new JsonArray("a", "b", "a"), ["one"] = new JsonArray("x", "y"),
            ["data"] = "{\"k\":[1,2]}", ["pos"] = new JsonObject { ["lon"] = 23.5, ["lat"] = 42.1 }, ["secret"] = "s", ["owner"] = owner,
            ["owners"] = new JsonArray(owner), ["unknownKey"] = "ignored",
        });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var r = response.Object;
        Assert.Multiple(() =>
        {
            Assert.That(r["id"]!.GetValue<string>(), Does.Match("^[a-z0-9]{15}$"));
            Assert.That(r["collectionName"]!.GetValue<string>(), Is.EqualTo("kitchen"));
            Assert.That(r["count"]!.ToJsonString(), Is.EqualTo("7"));
            Assert.That(r["flag"]!.GetValue<bool>(), Is.True);
            Assert.That(r["when"]!.GetValue<string>(), Is.EqualTo("2024-03-09 17:05:01.000Z"));
            Assert.That(r["tags"]!.ToJsonString(), Is.EqualTo("[\"a\",\"b\"]"));
            Assert.That(r["one"]!.GetValue<string>(), Is.EqualTo("y"));
            Assert.That(r["data"]!.ToJsonString(), Is.EqualTo("{\"k\":[1,2]}"));
            Assert.That(r["pos"]!["lat"]!.GetValue<double>(), Is.EqualTo(42.1));
            Assert.That(r.ContainsKey("secret"), Is.False, "hidden field shown to a guest");
            Assert.That(r.ContainsKey("unknownKey"), Is.False);
            Assert.That(r["owners"]!.ToJsonString(), Is.EqualTo($"[\"{owner}\"]"));
            Assert.That(r["created"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$"));
        });

        var asSuperuser = await Api.GetAsync($"/api/collections/kitchen/records/{r["id"]}", SuperuserToken);
        Assert.That(asSuperuser.Object["secret"]!.GetValue<string>(), Is.Empty, "a guest may not set hidden fields");
    }

    public static IEnumerable<TestCaseData> InvalidValues()
    {
        yield return new TestCaseData(new JsonObject(), "title", "validation_required");
        yield return new TestCaseData(new JsonObject { ["title"] = "this is far too long" }, "title", "validation_max_text_constraint");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["count"] = 11 }, "count", "validation_max_number_constraint");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["count"] = -1 }, "count", "validation_min_number_constraint");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["whole"] = 1.5 }, "whole", "validation_only_int_constraint");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["mail"] = "nope" }, "mail", "validation_is_email");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["mail"] = "a@blocked.com" }, "mail", "validation_email_domain_not_allowed");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["site"] = "not a url" }, "site", "validation_invalid_url");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["tags"] = new JsonArray("z") }, "tags", "validation_invalid_value");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["pos"] = new JsonObject { ["lon"] = 0, ["lat"] = 91 } }, "pos", "validation_invalid_latitude");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["owner"] = "missingmissing1" }, "owner", "validation_missing_rel_records");
        yield return new TestCaseData(new JsonObject { ["title"] = "t", ["id"] = "TooLongIdValue_123456" }, "id", "validation_max_text_constraint");
    }

    [TestCaseSource(nameof(InvalidValues))]
    public async Task Create_InvalidValue_400WithFieldCode(JsonObject body, string field, string code)
    {
        var before = await Api.GetAsync("/api/collections/kitchen/records?perPage=1", SuperuserToken);
        var response = await Api.PostAsync("/api/collections/kitchen/records", body);
        var after = await Api.GetAsync("/api/collections/kitchen/records?perPage=1", SuperuserToken);
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to create record."));
            Assert.That(response.Object["data"]![field]?["code"]?.GetValue<string>(), Is.EqualTo(code), response.Text);
            Assert.That(after.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(before.Object["totalItems"]!.GetValue<int>()));
        });
    }

    [Test]
    public async Task Create_CustomId_Kept_ThenViewUpdateDelete()
    {
        var create = await Api.PostAsync("/api/collections/kitchen/records", new { id = "customid0000001", title = "c" });
        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.OK), create.Text);
        Assert.That(create.Object["id"]!.GetValue<string>(), Is.EqualTo("customid0000001"));

        var duplicate = await Api.PostAsync("/api/collections/kitchen/records", new { id = "customid0000001", title = "d" });
        Assert.That(duplicate.Status, Is.EqualTo(HttpStatusCode.BadRequest), duplicate.Text);

        var update = await Api.PatchAsync("/api/collections/kitchen/records/customid0000001", new { title = "changed" });
        Assert.Multiple(() =>
        {
            Assert.That(update.Status, Is.EqualTo(HttpStatusCode.OK), update.Text);
            Assert.That(update.Object["title"]!.GetValue<string>(), Is.EqualTo("changed"));
        });

        var view = await Api.GetAsync("/api/collections/kitchen/records/customid0000001");
        Assert.That(view.Object["title"]!.GetValue<string>(), Is.EqualTo("changed"));

        var delete = await Api.DeleteAsync("/api/collections/kitchen/records/customid0000001");
        Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.NoContent));
        var gone = await Api.GetAsync("/api/collections/kitchen/records/customid0000001");
        Assert.That(gone.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Update_Modifiers_AppendPrependRemoveAndAdd()
    {
        var create = await Api.PostAsync("/api/collections/kitchen/records", new { title = "m", tags = new[] { "b" }, count = 2 });
        var id = create.Object["id"]!.GetValue<string>();
        var update = await Api.PatchAsync($"/api/collections/kitchen/records/{id}", new JsonObject
        {
            ["tags+"] = "c", ["+tags"] = "a", ["count+"] = 3,
        });
        Assert.Multiple(() =>
        {
            Assert.That(update.Object["tags"]!.ToJsonString(), Is.EqualTo("[\"a\",\"b\",\"c\"]"));
            Assert.That(update.Object["count"]!.GetValue<double>(), Is.EqualTo(5));
        });
        var remove = await Api.PatchAsync($"/api/collections/kitchen/records/{id}", new JsonObject { ["tags-"] = new JsonArray("b"), ["count-"] = 1 });
        Assert.Multiple(() =>
        {
            Assert.That(remove.Object["tags"]!.ToJsonString(), Is.EqualTo("[\"a\",\"c\"]"));
            Assert.That(remove.Object["count"]!.GetValue<double>(), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task List_Paging_SkipTotal_PerPageCapAndExpandAndFields()
    {
        var owner = await OwnerAsync("expandme");
        for (var i = 0; i < 3; i++)
        {
            await Api.PostAsync("/api/collections/kitchen/records", new { title = "p" + i, owner, owners = new[] { owner } });
        }

        var page = await Api.GetAsync("/api/collections/kitchen/records?page=1&perPage=2");
        Assert.Multiple(() =>
        {
            Assert.That(page.Object["perPage"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(page.Object["items"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(page.Object["totalItems"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(3));
        });

        var skip = await Api.GetAsync("/api/collections/kitchen/records?perPage=5000&skipTotal=1");
        Assert.Multiple(() =>
        {
            Assert.That(skip.Object["perPage"]!.GetValue<int>(), Is.EqualTo(1000));
            Assert.That(skip.Object["totalItems"]!.GetValue<int>(), Is.EqualTo(-1));
            Assert.That(skip.Object["totalPages"]!.GetValue<int>(), Is.EqualTo(-1));
        });

        var one = (await Api.GetAsync("/api/collections/kitchen/records?perPage=1000")).Object["items"]!.AsArray()
            .First(i => i!["owner"]!.GetValue<string>() == owner)!;
        var expanded = await Api.GetAsync($"/api/collections/kitchen/records/{one["id"]}?expand=owner,owners&fields=id,title,expand.owner.name,expand.owners.id");
        Assert.Multiple(() =>
        {
            Assert.That(expanded.Status, Is.EqualTo(HttpStatusCode.OK), expanded.Text);
            Assert.That(expanded.Object["expand"]!["owner"]!["name"]!.GetValue<string>(), Is.EqualTo("expandme"));
            Assert.That(expanded.Object["expand"]!["owner"]!.AsObject().ContainsKey("id"), Is.False);
            Assert.That(expanded.Object["expand"]!["owners"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(owner));
            Assert.That(expanded.Object.ContainsKey("count"), Is.False);
        });

        var back = await Api.GetAsync($"/api/collections/owners/records/{owner}?expand=kitchen_via_owner");
        Assert.That(back.Object["expand"]!["kitchen_via_owner"]!.AsArray(), Has.Count.EqualTo(3), back.Text);
    }

    [Test]
    public async Task Excerpt_StripsHtmlAndCuts()
    {
        var create = await Api.PostAsync("/api/collections/kitchen/records?fields=body:excerpt(5,true)", new { title = "e", body = "<p>Hello <b>world</b></p>" });
        Assert.That(create.Text, Is.EqualTo("{\"body\":\"Hello...\"}\n"));
    }

    [Test]
    public async Task BadListParams_400()
    {
        foreach (var url in new[] { "?page=abc", "?perPage=1.5", "?skipTotal=maybe" })
        {
            var response = await Api.GetAsync("/api/collections/kitchen/records" + url);
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), url);
        }
    }
}
