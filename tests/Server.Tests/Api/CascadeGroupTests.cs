using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>
/// A cascade that deletes several records of one collection looks up what references them once for
/// the group; records changed by an earlier step of the same cascade must be read again.
/// </summary>
[CancelAfter(120_000)]
public sealed class CascadeGroupTests : ServerTestBase
{
    private async Task<string> NewAsync(string collection, object body)
    {
        var response = await Api.PostAsync($"/api/collections/{collection}/records", body, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["id"]!.GetValue<string>();
    }

    private async Task<string> CollectionAsync(JsonObject definition) =>
        (await CreateAsync(Api, SuperuserToken, definition))["id"]!.GetValue<string>();

    private async Task<JsonObject?> GetAsync(string collection, string id)
    {
        var response = await Api.GetAsync($"/api/collections/{collection}/records/{id}", SuperuserToken);
        return response.Status == HttpStatusCode.NotFound ? null : response.Object;
    }

    private static string[] Ids(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Test]
    public async Task Delete_CascadeOverSeveralRecords_SameOutcomeAsOneByOne()
    {
        var orgs = await CollectionAsync(Public("corgs", Field("name", "text")));
        var users = await CollectionAsync(Public("cusers", Field("name", "text"), Field("org", "relation", new JsonObject { ["collectionId"] = orgs, ["cascadeDelete"] = true })));
        var posts = await CollectionAsync(Public(
            "cposts",
            Field("title", "text"),
            Field("author", "relation", new JsonObject { ["collectionId"] = users, ["cascadeDelete"] = true }),
            Field("coauthors", "relation", new JsonObject { ["collectionId"] = users, ["maxSelect"] = 5 })));
        await CollectionAsync(Public("cnotes", Field("post", "relation", new JsonObject { ["collectionId"] = posts, ["cascadeDelete"] = true })));
        await CollectionAsync(Public(
            "cmix",
            Field("posts", "relation", new JsonObject { ["collectionId"] = posts, ["maxSelect"] = 5 }),
            Field("people", "relation", new JsonObject { ["collectionId"] = users, ["maxSelect"] = 5 })));
        await CollectionAsync(Public("cgroups", Field("members", "relation", new JsonObject { ["collectionId"] = users, ["cascadeDelete"] = true, ["maxSelect"] = 5 })));

        var orgA = await NewAsync("corgs", new { name = "A" });
        var orgB = await NewAsync("corgs", new { name = "B" });
        var u1 = await NewAsync("cusers", new { name = "u1", org = orgA });
        var u2 = await NewAsync("cusers", new { name = "u2", org = orgA });
        var u3 = await NewAsync("cusers", new { name = "u3", org = orgA });
        var ub = await NewAsync("cusers", new { name = "ub", org = orgB });
        var p1 = await NewAsync("cposts", new { title = "p1", author = u1, coauthors = new[] { u2, ub } });
        var p2 = await NewAsync("cposts", new { title = "p2", author = u2 });
        var p3 = await NewAsync("cposts", new { title = "p3", author = ub, coauthors = new[] { u1, u2, u3 } });
        var p4 = await NewAsync("cposts", new { title = "p4", author = ub, coauthors = new[] { ub, u3 } });
        var n1 = await NewAsync("cnotes", new { post = p1 });
        var n3 = await NewAsync("cnotes", new { post = p3 });
        var g12 = await NewAsync("cgroups", new { members = new[] { u1, u2 } });
        var g1b = await NewAsync("cgroups", new { members = new[] { u1, ub } });
        var mix = await NewAsync("cmix", new { posts = new[] { p1, p4 }, people = new[] { u2, ub } });

        var delete = await Api.DeleteAsync($"/api/collections/corgs/records/{orgA}", SuperuserToken);
        Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.NoContent), delete.Text);
        Assert.Multiple(async () =>
        {
            foreach (var (collection, id) in new[] { ("cusers", u1), ("cusers", u2), ("cusers", u3), ("cposts", p1), ("cposts", p2), ("cnotes", n1), ("cgroups", g12) })
            {
                Assert.That(await GetAsync(collection, id), Is.Null, $"{collection} {id} should be cascade-deleted");
            }

            Assert.That(await GetAsync("cusers", ub), Is.Not.Null);
            Assert.That(await GetAsync("cnotes", n3), Is.Not.Null);
            Assert.That(Ids((await GetAsync("cposts", p3))!["coauthors"]), Is.Empty, "each deleted user unlinked in turn, none written back");
            Assert.That(Ids((await GetAsync("cposts", p4))!["coauthors"]), Is.EqualTo(new[] { ub }));
            Assert.That(Ids((await GetAsync("cgroups", g1b))!["members"]), Is.EqualTo(new[] { ub }));
            var mixed = (await GetAsync("cmix", mix))!;
            Assert.That(Ids(mixed["posts"]), Is.EqualTo(new[] { p4 }), "unlinked from p1 while u1 was deleted, not written back while u2 was");
            Assert.That(Ids(mixed["people"]), Is.EqualTo(new[] { ub }));
        });
    }

    [Test]
    public async Task Batch_DeleteCascade_ThenCreateReference_ThenDeleteAgain_CascadesTheNewRecord()
    {
        var teams = await CollectionAsync(Public("bteams", Field("name", "text")));
        var members = await CollectionAsync(Public("bmembers", Field("team", "relation", new JsonObject { ["collectionId"] = teams, ["cascadeDelete"] = true })));
        await CollectionAsync(Public("btasks", Field("member", "relation", new JsonObject { ["collectionId"] = members, ["cascadeDelete"] = true })));
        var t1 = await NewAsync("bteams", new { name = "t1" });
        var t2 = await NewAsync("bteams", new { name = "t2" });
        await NewAsync("bmembers", new { team = t1 });
        await NewAsync("bmembers", new { team = t1 });
        var m = await NewAsync("bmembers", new { team = t2 });
        var m2 = await NewAsync("bmembers", new { team = t2 });

        var settings = await Api.PatchAsync("/api/settings", new { batch = new { enabled = true, maxRequests = 10 } }, SuperuserToken);
        Assert.That(settings.Status, Is.EqualTo(HttpStatusCode.OK), settings.Text);
        var batch = await Api.PostAsync("/api/batch", new
        {
            requests = new object[]
            {
                new { method = "DELETE", url = $"/api/collections/bteams/records/{t1}" },
                new { method = "POST", url = "/api/collections/btasks/records", body = new { member = m } },
                new { method = "DELETE", url = $"/api/collections/bteams/records/{t2}" },
            },
        }, SuperuserToken);
        Assert.That(batch.Status, Is.EqualTo(HttpStatusCode.OK), batch.Text);
        var tasks = await Api.GetAsync("/api/collections/btasks/records", SuperuserToken);
        Assert.Multiple(async () =>
        {
            Assert.That(tasks.Object["totalItems"]!.GetValue<int>(), Is.Zero, "the task created mid-batch is cascade-deleted with its member");
            Assert.That(await GetAsync("bmembers", m), Is.Null);
            Assert.That(await GetAsync("bmembers", m2), Is.Null);
        });
    }
}
