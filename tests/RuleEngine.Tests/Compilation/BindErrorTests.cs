using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Compilation;

/// <summary>Well-formed text that cannot be compiled: one <see cref="FilterBindException"/> with a readable message.</summary>
public sealed class BindErrorTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, string filter, string message) =>
            new TestCaseData(filter, message).SetName("Bind_" + name);

        yield return Case("E4_UnknownField", "unknown = 1", "unknown field 'unknown' in collection 'posts'");
        yield return Case("E5_UnknownModifier", "title:foo = 1", "unknown modifier ':foo' in 'title:foo' (known: isset, changed, length, each, lower)");
        yield return Case("UnknownNestedField", "author.nope = 1", "unknown field 'nope' in collection 'users'");
        yield return Case("PathThroughText", "title.x = 1", "field 'title' of 'posts' is not a relation or json field, so 'x' cannot follow it");
        yield return Case("EachOnJsonPath", "meta.a:each = 1", "':each' cannot be used on 'meta'");
        yield return Case("IssetOnField", "title:isset = true", "':isset' can only be used with @request.body, @request.query or @request.headers ('title:isset')");
        yield return Case("ChangedOnField", "title:changed = true", "':changed' can only be used with @request.body, @request.query or @request.headers ('title:changed')");
        yield return Case("ChangedOnUnknownBodyKey", "@request.body.nope:changed = true", "':changed' needs a submitted field of the collection, e.g. @request.body.title:changed");
        yield return Case("IssetOnAuth", "@request.auth.id:isset = true", "':isset' cannot be used with '@request.auth.id:isset'");
        yield return Case("EachOnQuery", "@request.query.a:each = 1", "':each' cannot be used with '@request.query.a:each'");
        // As upstream: :length/:each only on a select, file or relation field (submitted in the body or stored).
        yield return Case("LengthOnQuery", "@request.query.lang:length = 2", "':length' cannot be used with '@request.query.lang:length'");
        yield return Case("LengthOnHeader", "@request.headers.x_token:length = 3", "':length' cannot be used with '@request.headers.x_token:length'");
        yield return Case("LengthOnMacro", "@now:length = 1", "':length' cannot be used with '@now:length'");
        yield return Case("LengthOnBodyText", "@request.body.title:length = 1", "':length' needs a select, file or relation field of the collection ('@request.body.title:length')");
        yield return Case("LengthOnBodyKey", "@request.body.nope:length = 1", "':length' needs a select, file or relation field of the collection ('@request.body.nope:length')");
        yield return Case("LengthOnBodyPath", "@request.body.meta.list:length = 1", "':length' needs a select, file or relation field of the collection ('@request.body.meta.list:length')");
        yield return Case("EachOnBodyNumber", "@request.body.views:each ?= 1", "':each' needs a select, file or relation field of the collection ('@request.body.views:each')");
        yield return Case("RequestData", "@request.data.title = 'x'", "unknown identifier '@request.data.title'");
        yield return Case("RequestUnknown", "@request.foo = 'x'", "unknown identifier '@request.foo'");
        yield return Case("RequestHeadersWithoutName", "@request.headers = 'x'", "unknown identifier '@request.headers'");
        yield return Case("RequestQueryTooDeep", "@request.query.a.b = 'x'", "unknown identifier '@request.query.a.b'");
        yield return Case("UnknownMacro", "created > @later", "unknown identifier '@later'");
        yield return Case("HashIdentifier", "#x = 1", "unknown identifier '#x'");
        yield return Case("CollectionWithoutField", "@collection.comments = 1", "'@collection.comments' needs a field, e.g. @collection.users.name");
        yield return Case("UnknownCollection", "@collection.nope.id = 1", "unknown collection 'nope' in '@collection.nope.id'");
        yield return Case("UnknownBackRelation", "nope_via_post.id = 1", "unknown field 'nope_via_post' in collection 'posts'");
        yield return Case("BackRelationWithoutField", "comments_via_post ?= 'x'", "unknown field 'comments_via_post' in collection 'posts'"); // as upstream
        yield return Case("NestedBackRelationWithoutField", "author.comments_via_user != ''", "unknown field 'comments_via_user' in collection 'users'");
        yield return Case("BackRelationWrongTarget", "comments_via_user.id = 1", "unknown field 'comments_via_user' in collection 'posts'");
        yield return Case("UnknownFunction", "foo(1) = 1", "unknown function 'foo' (known: geoDistance, strftime)");
        yield return Case("GeoDistanceArity", "geoDistance(1, 2, 3) < 1", "geoDistance needs 4 arguments: lonA, latA, lonB, latB");
        yield return Case("StrftimeFormatNotText", "strftime(created) = 1", "strftime's format and modifiers must be text literals");
        yield return Case("StrftimeModifierNotText", "strftime('%Y', created, views) = 1", "strftime's format and modifiers must be text literals");
        yield return Case("StrftimeNoArguments", "strftime() = 1", "strftime needs 1 to 10 arguments");
        yield return Case("StrftimeTooManyArguments", "strftime('a','b','c','d','e','f','g','h','i','j','k') = 1", "strftime needs 1 to 10 arguments");
    }

    [TestCaseSource(nameof(Cases))]
    public void CompileFilter_Unbindable_ThrowsReadableMessage(string filter, string message)
    {
        var error = Assert.Throws<FilterBindException>(() => Compile.Filter(filter));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void CompileFilter_SevenRelationHops_AreTooMany()
    {
        // comments.post.author… cannot go deep enough, so walk posts → editors → … via back-relations.
        var filter = "comments_via_post.post.comments_via_post.post.comments_via_post.post.comments_via_post.id = 'x'";
        var error = Assert.Throws<FilterBindException>(() => Compile.Filter(filter));
        Assert.That(error.Message, Is.EqualTo("a path may follow at most 6 relations"));
    }

    [Test]
    public void CompileFilter_SixRelationHops_AreAllowed() =>
        Assert.That(Compile.Filter("comments_via_post.post.comments_via_post.post.comments_via_post.post.title = 'x'").Where, Does.Contain("title"));

    [Test]
    public void CompileFilter_JsonPathDepth_IsNotLimitedByHops() =>
        Assert.That(Compile.Filter("meta.a.b.c.d.e.f.g.h.i = 1").Where, Does.Contain("'$.a.b.c.d.e.f.g.h.i'"));

    [Test]
    public void CompileFilter_TooLong_IsRejected()
    {
        var filter = "title = '" + new string('x', 3491) + "'";
        var error = Assert.Throws<FilterBindException>(() => Compile.Filter(filter));
        Assert.That(error.Message, Is.EqualTo("the expression is longer than 3500 bytes"));
    }

    [Test]
    public void CompileFilter_LengthLimit_CountsUtf8Bytes()
    {
        var filter = "title = '" + new string('é', 1746) + "'";
        Assert.That(filter.Length, Is.LessThan(3500));
        Assert.Throws<FilterBindException>(() => Compile.Filter(filter));
    }

    [Test]
    public void CompileFilter_ExactlyAtLengthLimit_IsAccepted()
    {
        var filter = "title = '" + new string('x', 3500 - 10) + "'";
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(filter), Is.EqualTo(3500));
        Assert.That(Compile.Filter(filter).Where, Is.Not.Empty);
    }

    [Test]
    public void CompileFilter_TwoHundredComparisons_AreAccepted() =>
        Assert.That(Compile.Filter(string.Join("||", Enumerable.Repeat("views=1", 200))).Where, Is.Not.Empty);

    [Test]
    public void CompileFilter_TwoHundredOneComparisons_AreRejected()
    {
        var error = Assert.Throws<FilterBindException>(() => Compile.Filter(string.Join("||", Enumerable.Repeat("views=1", 201))));
        Assert.That(error.Message, Is.EqualTo("the expression has more than 200 comparisons"));
    }

    [Test]
    public void CompileFilter_ComparisonsInsideGroups_AreCounted() =>
        Assert.Throws<FilterBindException>(() => Compile.Filter(string.Join("&&", Enumerable.Repeat("(views=1||views=2)", 101))));

    [Test]
    public void CompileFilter_SyntaxErrorsStaySyntaxErrors() =>
        Assert.Throws<FilterSyntaxException>(() => Compile.Filter("title = "));

    [Test]
    public void CompileFilter_BindError_IsAFilterException() =>
        Assert.That(() => Compile.Filter("nope = 1"), Throws.InstanceOf<FilterException>());
}
