using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

[CancelAfter(120_000)]
public sealed class BatchTests : ServerTestBase
{
    [OneTimeSetUp]
    public async Task SetUpAsync() =>
        await CreateAsync(Api, SuperuserToken, Public("items", Field("title", "text", new JsonObject { ["required"] = true })));

    private async Task EnableAsync(bool enabled)
    {
        var response = await Api.PatchAsync("/api/settings", new JsonObject { ["batch"] = new JsonObject { ["enabled"] = enabled } }, SuperuserToken);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
    }

    private async Task<int> CountAsync() => (await Api.GetAsync("/api/collections/items/records")).Object["totalItems"]!.GetValue<int>();

    [Test]
    public async Task Disabled_Is403()
    {
        await EnableAsync(false);
        var response = await Api.PostAsync("/api/batch", new { requests = new[] { new { method = "POST", url = "/api/collections/items/records", body = new { title = "x" } } } });
        Assert.That(response.Text, Does.Contain("Batch requests are not allowed."));
    }

    [Test]
    public async Task AllSucceed_InOrder_WithUpsertAndDelete()
    {
        await EnableAsync(true);
        var existing = (await Api.PostAsync("/api/collections/items/records", new { title = "old" })).Object["id"]!.GetValue<string>();
        var response = await Api.PostAsync("/api/batch", new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["method"] = "POST", ["url"] = "/api/collections/items/records?fields=id,title", ["body"] = new JsonObject { ["title"] = "a" } },
                new JsonObject { ["method"] = "PATCH", ["url"] = $"/api/collections/items/records/{existing}", ["body"] = new JsonObject { ["title"] = "patched" } },
                new JsonObject { ["method"] = "PUT", ["url"] = "/api/collections/items/records", ["body"] = new JsonObject { ["id"] = "upsertid0000001", ["title"] = "u" } },
                new JsonObject { ["method"] = "DELETE", ["url"] = $"/api/collections/items/records/{existing}" }),
        });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var results = response.Json!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 200, 200, 200, 204 }));
            Assert.That(results[0]!["body"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "title" }));
            Assert.That(results[1]!["body"]!["title"]!.GetValue<string>(), Is.EqualTo("patched"));
        });
    }

    [Test]
    public async Task TwoPasswordChangesOfTheCallerInOneBatch_EachCheckTheOldPasswordAsStoredAtThatStep()
    {
        await EnableAsync(true);
        var email = $"batch-pw-{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = email, ["password"] = "first-password", ["passwordConfirm"] = "first-password" });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        var id = created.Object["id"]!.GetValue<string>();
        var token = await Api.LoginAsync("users", email, "first-password");

        // The second step's old password is the one the first step sets: checked before the
        // transaction against the stored hash it is wrong, so the form must check it again.
        JsonObject Change(string from, string to) => new()
        {
            ["method"] = "PATCH", ["url"] = $"/api/collections/users/records/{id}",
            ["body"] = new JsonObject { ["oldPassword"] = from, ["password"] = to, ["passwordConfirm"] = to },
        };
        var response = await Api.PostAsync("/api/batch", new JsonObject { ["requests"] = new JsonArray(Change("first-password", "second-password"), Change("second-password", "third-password")) }, token);
        var wrongOld = await Api.PostAsync("/api/batch", new JsonObject { ["requests"] = new JsonArray(Change("first-password", "fourth-password")) }, await Api.LoginAsync("users", email, "third-password"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
            Assert.That(await Api.LoginAsync("users", email, "third-password"), Is.Not.Empty);
            Assert.That(wrongOld.Status, Is.EqualTo(HttpStatusCode.BadRequest), wrongOld.Text);
            Assert.That(wrongOld.Text, Does.Contain("validation_invalid_old_password"));
        });
    }

    [Test]
    public async Task OneFailure_RollsEverythingBack()
    {
        await EnableAsync(true);
        var before = await CountAsync();
        var response = await Api.PostAsync("/api/batch", new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["method"] = "POST", ["url"] = "/api/collections/items/records", ["body"] = new JsonObject { ["title"] = "kept?" } },
                new JsonObject { ["method"] = "POST", ["url"] = "/api/collections/items/records", ["body"] = new JsonObject() }),
        });
        Assert.Multiple(async () =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Batch transaction failed."));
            Assert.That(response.Object["data"]!["requests"]!["1"]!["code"]!.GetValue<string>(), Is.EqualTo("batch_request_failed"));
            Assert.That(response.Object["data"]!["requests"]!["1"]!["response"]!["data"]!["title"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_required"));
            Assert.That(await CountAsync(), Is.EqualTo(before));
        });
    }
}
