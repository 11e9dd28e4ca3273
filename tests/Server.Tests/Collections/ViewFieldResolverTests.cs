using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Tests.Collections;

/// <summary>View query parsing and upstream's field inference rules, without a database.</summary>
public sealed class ViewFieldResolverTests
{
    private static readonly Collection Posts = Table("posts", "pbc_posts",
        Field("text", "title"), Field("number", "views"), Field("file", "cover", new JsonObject { ["maxSelect"] = 1 }), Field("relation", "author", new JsonObject { ["collectionId"] = "pbc_people" }));

    private static readonly Collection People = Table("people", "pbc_people", Field("bool", "title"), Field("email", "email"));

    private static readonly Collection PostsView = new()
    {
        Id = "pbc_pv", Name = "posts_view", Type = "view",
        Options = new JsonObject { ["viewQuery"] = "select id, cover as picture, title from posts" },
        Fields = [Field("text", "id"), Field("file", "picture"), Field("text", "title")],
    };

    private static readonly IReadOnlyList<Collection> All = [Posts, People, PostsView];

    private static Collection Table(string name, string id, params Field[] fields) =>
        new() { Id = id, Name = name, Type = "base", Fields = [Field("text", "id"), .. fields] };

    private static Field Field(string type, string name, JsonObject? options = null)
    {
        var raw = new JsonObject { ["id"] = type + "_" + name, ["name"] = name, ["type"] = type, ["system"] = false };
        foreach (var (key, value) in options ?? [])
        {
            raw[key] = value?.DeepClone();
        }

        return new Field(raw);
    }

    private static string TypeOf(string query, string column) => ViewFieldResolver.Resolve(query, All)[column].Field.Type;

    [TestCase("select id, title from posts", "title", "text")]
    [TestCase("select id, title from people", "title", "bool")]
    [TestCase("select p.id, u.title from posts p join people u on u.id = p.author", "title", "bool")]
    [TestCase("select p.id, p.title as headline from posts as p left outer join people u on u.id = p.author", "headline", "text")]
    [TestCase("select \"p\".\"id\", `p`.[views] AS \"n\" from \"posts\" \"p\"", "n", "number")]
    [TestCase("select id, views from posts, people where people.title = 1", "views", "number")]
    [TestCase("select id, count(*) as total from posts group by id", "total", "number")]
    [TestCase("select id, TOTAL(views) total from posts", "total", "number")]
    [TestCase("select id, cast(views as integer) as n from posts", "n", "number")]
    [TestCase("select id, CAST(views AS TEXT) as s from posts", "s", "text")]
    [TestCase("select id, cast(views as boolean) as b from posts", "b", "bool")]
    [TestCase("select id, cast(views as blob) as b from posts", "b", "json")]
    [TestCase("select id, max(views) as m from posts", "m", "json")]
    [TestCase("select id, views + 1 as m from posts", "m", "json")]
    [TestCase("select id, (select count(*) from people) as c from posts", "c", "json")]
    [TestCase("select id, nope from posts", "nope", "json")]
    [TestCase("select id, x.title from (select id, title from posts) x", "title", "json")]
    [TestCase("select id, picture as img from posts_view", "img", "file")]
    [TestCase("select id, author as people from posts /* a comment, with a comma */ -- and another", "people", "relation")]
    public void Resolve_GivesUpstreamsType(string query, string column, string type) =>
        Assert.That(TypeOf(query, column), Is.EqualTo(type));

    [Test]
    public void Resolve_IdColumn_IsThePrimaryKeyTextField()
    {
        var id = ViewFieldResolver.Resolve("select (ROW_NUMBER() OVER()) as id, email from people", All)["id"].Field;

        Assert.Multiple(() =>
        {
            Assert.That(id.Type, Is.EqualTo("text"));
            Assert.That(id.Id, Is.EqualTo("text3208210256"));
            Assert.That(id.IsPrimaryKey && id.System && id.Required, Is.True);
            Assert.That(id.Pattern, Is.EqualTo("^[a-z0-9]+$"));
        });
    }

    [Test]
    public void Resolve_AnotherTablesId_IsASingleRelationToIt()
    {
        var field = ViewFieldResolver.Resolve("select p.id, u.id as person from posts p join people u on u.id = p.author", All)["person"].Field;

        Assert.That((field.Type, field.CollectionId, field.MaxSelect), Is.EqualTo(("relation", "pbc_people", 1)));
    }

    [Test]
    public void Resolve_ClonesTheSourceFieldUnderTheAlias_WithAFreshCloneId()
    {
        var fields = ViewFieldResolver.Resolve("select id, author as a, author as b from posts", All);

        Assert.Multiple(() =>
        {
            Assert.That(fields["a"].Field.Name, Is.EqualTo("a"));
            Assert.That(fields["a"].Field.CollectionId, Is.EqualTo("pbc_people"));
            Assert.That(fields["a"].Field.Id, Does.Match("^_clone_[A-Za-z0-9]{4}$"));
            Assert.That(fields["a"].Source, Is.SameAs(Posts));
            Assert.That(fields["a"].Original!.Name, Is.EqualTo("author"));
            Assert.That(Posts.FindField("author")!.Id, Is.EqualTo("relation_author"), "the source field is untouched");
        });
    }

    [TestCase("select * from posts")]
    [TestCase("select p.* from posts p")]
    [TestCase("select id, u.* from posts join people u on u.id = posts.author")]
    public void Resolve_StarOverACollection_IsRejected(string query) =>
        Assert.That(() => ViewFieldResolver.Resolve(query, All), Throws.TypeOf<ViewQueryException>().With.Message.EqualTo("dynamic column names are not supported"));

    [Test]
    public void Resolve_StarOverASubquery_IsNotACollectionsColumn() =>
        Assert.That(ViewFieldResolver.Resolve("select * from (select id from posts)", All)["*"].Field.Type, Is.EqualTo("json"));

    [Test]
    public void FileSource_FollowsNestedViewsToTheTableField()
    {
        var outer = new Collection { Id = "pbc_outer", Name = "outer", Type = "view", Options = new JsonObject { ["viewQuery"] = "select v.id, v.picture as doc from posts_view v" } };

        var source = ViewFieldResolver.FileSource(outer, "doc", All);

        Assert.That((source?.Source?.Name, source?.Original?.Name), Is.EqualTo(("posts", "cover")));
    }

    [Test]
    public void Parse_ReadsColumnsAndSources()
    {
        var shape = ViewQueryParser.Parse("WITH x AS (SELECT 1 AS a FROM z) SELECT DISTINCT a.id, b.name n, 'lit' AS \"quoted name\" FROM main.posts a INNER JOIN people AS b USING (id), (SELECT 1) s WHERE a.x = 1 ORDER BY 1");

        Assert.Multiple(() =>
        {
            Assert.That(shape.Columns.Select(c => (c.Name, c.Table, c.Column)), Is.EqualTo(new[] { ("id", "a", "id"), ("n", "b", "name"), ("quoted name", (string?)null, (string?)null) }));
            Assert.That(shape.Tables.Select(t => (t.Name, t.Alias)), Is.EqualTo(new[] { ("posts", "a"), ("people", "b"), ("", "s") }));
        });
    }

    [TestCase(5, "posts")]
    [TestCase(6, null)]
    public void FileSource_FollowsAtMostFiveViews(int depth, string? expected)
    {
        var all = new List<Collection> { Posts };
        var (previous, column) = ("posts", "cover");
        for (var i = 0; i < depth; i++)
        {
            all.Add(new Collection { Id = "pbc_chain" + i, Name = "chain" + i, Type = "view", Options = new JsonObject { ["viewQuery"] = $"select id, {column} f{i} from {previous}" }, Fields = [Field("text", "id"), Field("file", "f" + i)] });
            (previous, column) = ("chain" + i, "f" + i);
        }

        Assert.That(ViewFieldResolver.FileSource(all[^1], column, all)?.Source?.Name, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_CommentsBetweenKeywords_AreWhitespace()
    {
        var fields = ViewFieldResolver.Resolve("select\n -- one\n posts.id, /* two */ posts.views from/*three*/posts\n -- four\n join people ON (\n -- five\n people.id = posts.author)", All);

        Assert.That(fields["views"].Field.Type, Is.EqualTo("number"));
    }
}
