using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Tests.Support;
using PocketBaseSharp.RuleEngine.Sql;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>
/// List totals (plain <c>COUNT(*)</c> unless a to-many join or a view needs distinct) and expand
/// loaded per level for a whole page: every item must look exactly as it does on its own.
/// </summary>
[CancelAfter(180_000)]
public sealed class ListTotalsAndExpandTests : ServerTestBase
{
    private readonly Dictionary<string, string> _ids = [];

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        var tagsDefinition = Public("ltags", Field("name", "text"));
        tagsDefinition["viewRule"] = "name != 'secret'";
        var tags = await CreateAsync(Api, SuperuserToken, tagsDefinition);
        var tagsId = tags["id"]!.GetValue<string>();
        var authors = await CreateAsync(Api, SuperuserToken, Public(
            "lauthors",
            Field("name", "text"),
            Field("tags", "relation", new JsonObject { ["collectionId"] = tagsId, ["maxSelect"] = 5 })));
        await CreateAsync(Api, SuperuserToken, Public(
            "larticles",
            Field("title", "text"),
            Field("author", "relation", new JsonObject { ["collectionId"] = authors["id"]!.GetValue<string>(), ["maxSelect"] = 1 }),
            Field("tags", "relation", new JsonObject { ["collectionId"] = tagsId, ["maxSelect"] = 600 })));
        await CreateAsync(Api, SuperuserToken, new JsonObject
        {
            ["name"] = "larticle_titles",
            ["type"] = "view",
            ["listRule"] = "",
            ["viewRule"] = "",
            ["viewQuery"] = "SELECT id, title FROM larticles",
        });

        foreach (var name in new[] { "x1", "x2", "y", "secret" })
        {
            _ids[name] = await CreateRecordAsync("ltags", new { name });
        }

        _ids["a1"] = await CreateRecordAsync("lauthors", new { name = "a1", tags = new[] { _ids["y"], _ids["secret"], _ids["x1"] } });
        _ids["a2"] = await CreateRecordAsync("lauthors", new { name = "a2", tags = new[] { _ids["x2"] } });
        _ids["both-x"] = await CreateRecordAsync("larticles", new { title = "both-x", author = _ids["a1"], tags = new[] { _ids["x2"], _ids["x1"] } });
        _ids["one-x"] = await CreateRecordAsync("larticles", new { title = "one-x", author = _ids["a1"], tags = new[] { _ids["secret"], _ids["x1"], _ids["y"] } });
        _ids["no-x"] = await CreateRecordAsync("larticles", new { title = "no-x", author = _ids["a2"], tags = new[] { _ids["y"] } });
        _ids["bare"] = await CreateRecordAsync("larticles", new { title = "bare" });
    }

    private async Task<string> CreateRecordAsync(string collection, object body)
    {
        var response = await Api.PostAsync($"/api/collections/{collection}/records", body);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["id"]!.GetValue<string>();
    }

    private async Task<JsonObject> ListAsync(string collection, string query)
    {
        var response = await Api.GetAsync($"/api/collections/{collection}/records?{query}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object;
    }

    [TestCase("larticles", "filter=(tags.name~'x')", 1, TestName = "Totals_ToManyJoin_CountsEachRecordOnce")]
    [TestCase("larticles", "filter=(tags.name?~'x')", 2, TestName = "Totals_AnyOfToManyJoin_CountsEachRecordOnce")]
    [TestCase("larticles", "filter=(author.name='a1')", 2, TestName = "Totals_SingleRelationJoin")]
    [TestCase("larticles", "filter=(title~'x')", 3, TestName = "Totals_PlainFilter")]
    [TestCase("larticles", "", 4, TestName = "Totals_NoFilter_CountsEveryRow")]
    [TestCase("ltags", "filter=(lauthors_via_tags.name='a1')", 3, TestName = "Totals_BackRelationJoin_CountsEachRecordOnce")]
    [TestCase("ltags", "filter=(lauthors_via_tags.name?='a1')", 3, TestName = "Totals_AnyOfBackRelationJoin_CountsEachRecordOnce")]
    [TestCase("larticles", "filter=(tags.name?='x1'%26%26tags.name?='x2')", 0, TestName = "Filter_ToManyJoin_BothComparisonsOnTheSameJoinedRow")]
    [TestCase("larticles", "filter=(tags.name?='x1'||tags.name?='x2')", 2, TestName = "Filter_ToManyJoin_EitherComparison")]
    [TestCase("larticles", "filter=(tags.name?~'x'%26%26title!='one-x')", 1, TestName = "Filter_ToManyJoin_AndMainColumn")]
    [TestCase("larticles", "filter=(tags.name?~'x')&sort=-title", 2, TestName = "Filter_ToManyJoin_SortByOwnField")]
    [TestCase("larticles", "filter=(tags.name?~'x')&sort=author.name,-title", 2, TestName = "Filter_ToManyJoin_SortThroughAnotherJoin")]
    [TestCase("larticles", "filter=(author.tags.name?='y')&sort=-author.name", 2, TestName = "Filter_ToManyJoin_SortSharesTheFilterJoin")]
    [TestCase("larticles", "filter=(author.tags.name='x1')", 0, TestName = "Filter_NestedToManyJoin_AllMustMatch")]
    [TestCase("larticles", "filter=(author.tags.name?='x1')", 2, TestName = "Filter_NestedToManyJoin_AnyMatches")]
    public async Task Totals_MatchTheDistinctRecords(string collection, string query, int expected)
    {
        var list = await ListAsync(collection, query);
        Assert.Multiple(() =>
        {
            Assert.That(list["totalItems"]!.GetValue<int>(), Is.EqualTo(expected), list.ToJsonString());
            Assert.That(list["items"]!.AsArray(), Has.Count.EqualTo(expected), "items and total agree");
        });

        var paged = await ListAsync(collection, query + "&perPage=1&page=2");
        Assert.Multiple(() =>
        {
            Assert.That(paged["totalItems"]!.GetValue<int>(), Is.EqualTo(expected));
            Assert.That(paged["totalPages"]!.GetValue<int>(), Is.EqualTo(expected));
            Assert.That(paged["items"]!.AsArray(), Has.Count.EqualTo(expected >= 2 ? 1 : 0));
        });
    }

    [Test]
    public async Task Filter_ToManyJoin_SortedPagesKeepTheirOrder()
    {
        var asc = await ListAsync("larticles", "filter=(tags.name?~'x'||tags.name?='y')&sort=title&perPage=2");
        var second = await ListAsync("larticles", "filter=(tags.name?~'x'||tags.name?='y')&sort=title&perPage=2&page=2");
        var desc = await ListAsync("larticles", "filter=(tags.name?~'x'||tags.name?='y')&sort=-title");
        static IEnumerable<string> Titles(JsonObject list) => list["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(Titles(asc), Is.EqualTo(new[] { "both-x", "no-x" }));
            Assert.That(Titles(second), Is.EqualTo(new[] { "one-x" }));
            Assert.That(Titles(desc), Is.EqualTo(new[] { "one-x", "no-x", "both-x" }));
            Assert.That(asc["totalItems"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public void FromClause_ToManyJoin_BecomesExistsUnlessSortOrViewNeedsTheJoins()
    {
        var table = new Collection { Name = "t", Type = "base" };
        var view = new Collection { Name = "v", Type = "view" };
        var ctx = new SqlQueryContext("t");
        ctx.AddJoin(new SqlJoin("json_each(x)", "`t__tags__ids`", null));
        string[] where = ["`t__tags__ids`.`value` = @p0"];
        Assert.Multiple(() =>
        {
            Assert.That(RecordService.FromClause(table, ctx, where, sortUsesJoins: false),
                Is.EqualTo(("FROM `t` WHERE EXISTS (SELECT 1 FROM (SELECT 1) LEFT JOIN json_each(x) `t__tags__ids` ON 1=1 WHERE `t__tags__ids`.`value` = @p0)", false)));
            Assert.That(RecordService.FromClause(table, ctx, where, sortUsesJoins: true),
                Is.EqualTo(("FROM `t` LEFT JOIN json_each(x) `t__tags__ids` ON 1=1 WHERE `t__tags__ids`.`value` = @p0", true)));
            Assert.That(RecordService.FromClause(view, ctx, where, sortUsesJoins: false).Item2, Is.True);
            Assert.That(RecordService.FromClause(table, new SqlQueryContext("t"), where, sortUsesJoins: false),
                Is.EqualTo(("FROM `t`  WHERE `t__tags__ids`.`value` = @p0", false)));
        });
    }

    [Test]
    public async Task Totals_ViewCollection()
    {
        var list = await ListAsync("larticle_titles", "perPage=1&filter=(title~'x')");
        Assert.Multiple(() =>
        {
            Assert.That(list["totalItems"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(list["totalPages"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public void CountSql_WithoutRowMultiplyingJoin_UsesPlainCount()
    {
        var table = new Collection { Name = "t", Type = "base" };
        var view = new Collection { Name = "v", Type = "view" };
        var single = new SqlQueryContext("t");
        single.AddJoin(new SqlJoin("`u`", "`t__author`", "1=1"), multipliesRows: false);
        var toMany = new SqlQueryContext("t");
        toMany.AddJoin(new SqlJoin("json_each(x)", "`t__tags__ids`", null));
        Assert.Multiple(() =>
        {
            Assert.That(RecordService.CountSql(table, distinct: false, "FROM `t`"), Is.EqualTo("SELECT COUNT(*) FROM `t`"));
            Assert.That(RecordService.CountSql(table, single.NeedsDistinct, "FROM `t`"), Is.EqualTo("SELECT COUNT(*) FROM `t`"));
            Assert.That(RecordService.CountSql(table, toMany.NeedsDistinct, "FROM `t`"), Is.EqualTo("SELECT COUNT(DISTINCT `t`._rowid_) FROM `t`"));
            Assert.That(RecordService.CountSql(view, distinct: false, "FROM `v`"), Is.EqualTo("SELECT COUNT(DISTINCT `v`.`id`) FROM `v`"));
        });
    }

    [Test]
    public async Task Expand_List_EachItemAsItsOwnView_OrderKeptAndViewRuleApplied()
    {
        const string expand = "author.tags,tags,lauthors_via_tags";
        var list = await ListAsync("larticles", $"perPage=50&sort=title&expand={expand}");
        var items = list["items"]!.AsArray();
        Assert.That(items.Select(i => i!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "bare", "both-x", "no-x", "one-x" }));
        foreach (var item in items)
        {
            var one = await Api.GetAsync($"/api/collections/larticles/records/{item!["id"]}?expand={expand}");
            Assert.That(item.ToJsonString(), Is.EqualTo(one.Object.ToJsonString()), "a page item differs from the same record viewed alone");
        }

        string Names(JsonNode? array) => string.Join(",", array!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
        var oneX = items.Single(i => i!["title"]!.GetValue<string>() == "one-x")!["expand"]!;
        var bothX = items.Single(i => i!["title"]!.GetValue<string>() == "both-x")!["expand"]!;
        var bare = items.Single(i => i!["title"]!.GetValue<string>() == "bare")!;
        Assert.Multiple(() =>
        {
            Assert.That(Names(oneX["tags"]), Is.EqualTo("x1,y"), "stored order, the secret tag dropped by its viewRule");
            Assert.That(Names(bothX["tags"]), Is.EqualTo("x2,x1"));
            Assert.That(oneX["author"]!["name"]!.GetValue<string>(), Is.EqualTo("a1"), "a single relation expands to an object");
            Assert.That(Names(oneX["author"]!["expand"]!["tags"]), Is.EqualTo("y,x1"));
            Assert.That(Names(bothX["author"]!["expand"]!["tags"]), Is.EqualTo("y,x1"), "a shared author is expanded under each parent");
            Assert.That(bare["expand"]!.AsObject(), Is.Empty, "nothing to expand still yields an empty expand object");
        });
    }

    [Test]
    public async Task Expand_BackRelationPerItem()
    {
        var list = await ListAsync("ltags", "sort=name&expand=lauthors_via_tags,larticles_via_tags");
        var byName = list["items"]!.AsArray().ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!["expand"]!);
        Assert.Multiple(() =>
        {
            Assert.That(byName["x1"]["lauthors_via_tags"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "a1" }));
            Assert.That(byName["x2"]["lauthors_via_tags"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "a2" }));
            Assert.That(byName["y"]["larticles_via_tags"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(byName.ContainsKey("secret"), Is.True, "the list rule is empty: the secret tag is listed");
        });
    }

    [Test]
    public async Task Expand_MoreIdsThanOneQueryBinds_AllReturnedInOrder()
    {
        var bulkTags = await CreateAsync(Api, SuperuserToken, Public("lbulktags", Field("name", "text")));
        await CreateAsync(Api, SuperuserToken, Public(
            "lbulk",
            Field("tags", "relation", new JsonObject { ["collectionId"] = bulkTags["id"]!.GetValue<string>(), ["maxSelect"] = 600 })));
        var ids = new List<string>();
        for (var i = 0; i < 520; i++)
        {
            ids.Add(await CreateRecordAsync("lbulktags", new { name = "bulk" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        ids.Reverse();
        var partial = await CreateRecordAsync("lbulk", new { tags = ids.Take(300) });
        var full = await CreateRecordAsync("lbulk", new { tags = ids });
        var items = (await ListAsync("lbulk", "expand=tags"))["items"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>());
        IEnumerable<string> Expanded(string id) => items[id]!["expand"]!["tags"]!.AsArray().Select(t => t!["id"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(Expanded(partial), Is.EqualTo(ids.Take(300)));
            Assert.That(Expanded(full), Is.EqualTo(ids));
        });
    }
}
