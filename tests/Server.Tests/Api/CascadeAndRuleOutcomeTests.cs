using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

[CancelAfter(120_000)]
public sealed class CascadeAndRuleOutcomeTests : ServerTestBase
{
    private async Task<string> IdOfAsync(string collection) =>
        (await Api.GetAsync($"/api/collections/{collection}", SuperuserToken)).Object["id"]!.GetValue<string>();

    private async Task<string> NewAsync(string collection, object body)
    {
        var response = await Api.PostAsync($"/api/collections/{collection}/records", body, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Delete_CascadesThroughThreeLevels_AndUnlinksOptionalReferences()
    {
        await CreateAsync(Api, SuperuserToken, Public("lvl1", Field("name", "text")));
        var l1 = await IdOfAsync("lvl1");
        await CreateAsync(Api, SuperuserToken, Public("lvl2", Field("parent", "relation", new JsonObject { ["collectionId"] = l1, ["cascadeDelete"] = true })));
        var l2 = await IdOfAsync("lvl2");
        await CreateAsync(Api, SuperuserToken, Public("lvl3", Field("parent", "relation", new JsonObject { ["collectionId"] = l2, ["cascadeDelete"] = true, ["maxSelect"] = 3 })));
        await CreateAsync(Api, SuperuserToken, Public("loose", Field("ref", "relation", new JsonObject { ["collectionId"] = l1 })));

        var root = await NewAsync("lvl1", new { name = "root" });
        var mid = await NewAsync("lvl2", new { parent = root });
        var leaf = await NewAsync("lvl3", new { parent = new[] { mid } });
        var loose = await NewAsync("loose", new { @ref = root });

        var delete = await Api.DeleteAsync($"/api/collections/lvl1/records/{root}", SuperuserToken);
        Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.NoContent), delete.Text);
        Assert.Multiple(async () =>
        {
            Assert.That((await Api.GetAsync($"/api/collections/lvl2/records/{mid}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Api.GetAsync($"/api/collections/lvl3/records/{leaf}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
            var kept = await Api.GetAsync($"/api/collections/loose/records/{loose}");
            Assert.That(kept.Object["ref"]!.GetValue<string>(), Is.Empty);
        });
    }

    [Test]
    public async Task Delete_RequiredReferenceWithoutCascade_Is400AndChangesNothing()
    {
        await CreateAsync(Api, SuperuserToken, Public("parents", Field("name", "text")));
        var parents = await IdOfAsync("parents");
        await CreateAsync(Api, SuperuserToken, Public("children", Field("parent", "relation", new JsonObject { ["collectionId"] = parents, ["required"] = true })));
        var parent = await NewAsync("parents", new { name = "p" });
        var child = await NewAsync("children", new { parent });

        var delete = await Api.DeleteAsync($"/api/collections/parents/records/{parent}", SuperuserToken);
        Assert.Multiple(async () =>
        {
            Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(delete.Object["message"]!.GetValue<string>(), Is.EqualTo("Failed to delete record. Make sure that the record is not part of a required relation reference."));
            Assert.That((await Api.GetAsync($"/api/collections/parents/records/{parent}")).Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Api.GetAsync($"/api/collections/children/records/{child}")).Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task NullRules_403ForGuests_SuperuserBypasses()
    {
        await CreateAsync(Api, SuperuserToken, new JsonObject { ["name"] = "locked", ["fields"] = new JsonArray(Field("title", "text")) });
        var id = await NewAsync("locked", new { title = "x" });
        var scenarios = new[]
        {
            new ApiScenario("list", "GET", "/api/collections/locked/records", HttpStatusCode.Forbidden) { Expected = ["Only superusers can perform this action."] },
            new ApiScenario("view", "GET", $"/api/collections/locked/records/{id}", HttpStatusCode.Forbidden),
            new ApiScenario("view missing id", "GET", "/api/collections/locked/records/missing", HttpStatusCode.Forbidden),
            new ApiScenario("create", "POST", "/api/collections/locked/records", HttpStatusCode.Forbidden) { Body = new { title = "y" } },
            new ApiScenario("update", "PATCH", $"/api/collections/locked/records/{id}", HttpStatusCode.Forbidden) { Body = new { title = "y" } },
            new ApiScenario("delete", "DELETE", $"/api/collections/locked/records/{id}", HttpStatusCode.Forbidden),
            new ApiScenario("superuser list", "GET", "/api/collections/locked/records", HttpStatusCode.OK) { Caller = "superuser", Expected = [id] },
            new ApiScenario("unknown collection list", "GET", "/api/collections/nope/records", HttpStatusCode.NotFound) { Expected = ["Missing collection context."] },
            new ApiScenario("unknown collection create", "POST", "/api/collections/nope/records", HttpStatusCode.NotFound) { Body = new { }, Expected = ["Missing or invalid collection context."] },
        };
        foreach (var s in scenarios)
        {
            await ScenarioRunner.RunAsync(Api, s, caller => caller == "superuser" ? SuperuserToken : null);
        }
    }
}
