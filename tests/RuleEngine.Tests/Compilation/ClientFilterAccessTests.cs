using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Compilation;

/// <summary>The access rows A1–A6 of rules-and-filters.md §8: a non-superuser's own filter.</summary>
[Parallelizable(ParallelScope.None)]
public sealed class ClientFilterAccessTests
{
    [TestCase("@collection.users.name != ''", "Only superusers can filter by @collection.")]
    [TestCase("@request.auth.id != ''", "Only superusers can filter by @request.")]
    [TestCase("title = '@request.x'", "Only superusers can filter by @request.")]
    [TestCase("@request.a && @collection.b", "Only superusers can filter by @collection.")]
    public void A1_A2_Guard_ForbidsSuperuserOnlyReferences(string filter, string message) =>
        Assert.That(ClientFilterGuard.ForbiddenReference(filter), Is.EqualTo(message));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("author.name = 'Alice'")]
    [TestCase("title = '@request'")]
    public void Guard_AllowsOrdinaryFilters(string? filter) =>
        Assert.That(ClientFilterGuard.ForbiddenReference(filter), Is.Null);

    [Test]
    public void A3_AuthEmail_RequiresEmailVisibility()
    {
        using var db = new SpecDatabase();
        Assert.Multiple(() =>
        {
            Assert.That(db.MatchingPosts("author.email = 'alice@example.com'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.Empty);
            Assert.That(db.MatchingPosts("author.email = 'alice@example.com'", SpecRequests.AsU1, FilterAccess.SuperuserFilter), Is.EqualTo(new[] { SpecRequests.P1 }));
            Assert.That(db.MatchingPosts("editors.email ?= 'bob@example.com'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P1 }), "Bob's email is visible");
        });
    }

    [Test]
    public void A3_AuthEmail_AddsTheVisibilityCondition() =>
        Assert.That(Compile.Filter("author.email = 'a'", access: FilterAccess.ClientFilter).Where,
            Is.EqualTo("((\"posts__author\".\"email\" = @p0 AND \"posts__author\".\"emailVisibility\" = TRUE))"));

    [TestCase("author.password = 'x'", "non-filterable field 'password' of 'users' (hidden)")]
    [TestCase("author.tokenKey != ''", "non-filterable field 'tokenKey' of 'users' (hidden)")]
    [TestCase("secret = 's1'", "non-filterable field 'secret' of 'posts' (hidden)")]
    [TestCase("editors.password ?= 'x'", "non-filterable field 'password' of 'users' (hidden)")]
    public void A4_HiddenField_IsNotFilterableByClients(string filter, string message)
    {
        var error = Assert.Throws<FilterBindException>(() => Compile.Filter(filter, access: FilterAccess.ClientFilter));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [TestCase(FilterAccess.Rule)]
    [TestCase(FilterAccess.SuperuserFilter)]
    public void A4_HiddenField_IsUsableInRulesAndBySuperusers(FilterAccess access)
    {
        using var db = new SpecDatabase();
        Assert.That(db.MatchingPosts("secret = 's1' && author.password = 'hash1'", SpecRequests.AsU1, access), Is.EqualTo(new[] { SpecRequests.P1 }));
    }

    [Test]
    public void A5_LockedRelatedCollection_FailsTheClientFilter()
    {
        var error = Assert.Throws<FilterBindException>(() => Compile.Filter("author.name = 'Alice'", access: FilterAccess.ClientFilter, schema: new TestSchema(usersListRule: null)));
        Assert.That(error.Message, Is.EqualTo("the collection 'users' can only be filtered by superusers (its list rule is locked)"));
    }

    [Test]
    public void A5_LockedRelatedCollection_DoesNotMatterToRules() =>
        Assert.That(Compile.Filter("author.name = 'Alice'", schema: new TestSchema(usersListRule: null)).Where, Is.EqualTo("(\"posts__author\".\"name\" = @p0)"));

    [Test]
    public void A5_LockedBackRelation_FailsTheClientFilter() =>
        Assert.Throws<FilterBindException>(() => Compile.Filter("comments_via_post.user ?= 'x'", access: FilterAccess.ClientFilter, schema: new TestSchema(commentsListRule: null)));

    [Test]
    public void A6_RelatedListRule_LimitsWhatTheFilterSees()
    {
        using var db = new SpecDatabase(new TestSchema(usersListRule: "id = @request.auth.id"));
        Assert.Multiple(() =>
        {
            Assert.That(db.MatchingPosts("author.name = 'Alice'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P1 }), "U1 sees herself");
            Assert.That(db.MatchingPosts("editors.name ?= 'Bob'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.Empty, "U1 cannot list Bob");
            Assert.That(db.MatchingPosts("editors.name ?= 'Bob'", SpecRequests.AsU1, FilterAccess.Rule), Is.EqualTo(new[] { SpecRequests.P1 }), "rules ignore it");
            Assert.That(db.MatchingPosts("author.name = 'Alice'", SpecRequests.AsGuest, FilterAccess.ClientFilter), Is.Empty, "a guest sees nobody");
        });
    }

    [Test]
    public void A6_RelatedListRule_IsAddedToTheWholeFilter() =>
        Assert.That(Compile.Filter("author.name = 'x' || title = 'y'", access: FilterAccess.ClientFilter, schema: new TestSchema(usersListRule: "id = @request.auth.id")).Where,
            Is.EqualTo("((\"posts__author\".\"name\" = @p1 OR \"posts\".\"title\" = @p2)"
                + " AND (\"posts__author\".\"id\" = '' OR \"posts__author\".\"id\" IS NULL OR \"posts__author\".\"id\" = @p0))"));

    // Upstream ANDs the related list rule to the query's WHERE, not to the comparison that joined the
    // relation: another || branch cannot bring back a record whose author the caller cannot list.
    [Test]
    public void A6_RelatedListRule_AlsoExcludesRecordsMatchedByAnotherBranch()
    {
        using var db = new SpecDatabase(new TestSchema(usersListRule: "id = @request.auth.id"));
        var asU2 = SpecRequests.AsU1 with { Auth = SpecRequests.AsU1.Auth! with { Id = SpecRequests.U2 } };
        Assert.Multiple(() =>
        {
            Assert.That(db.MatchingPosts("author.name = 'x' || title = 'Hello World'", asU2, FilterAccess.ClientFilter), Is.Empty, "P1's author is invisible to U2");
            Assert.That(db.MatchingPosts("author.name = 'x' || title = 'Hello World'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P1 }));
            Assert.That(db.MatchingPosts("author.name = 'x' || views = 0", asU2, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P2 }), "an empty relation passes");
            Assert.That(db.MatchingPosts("title = 'Hello World' || editors.name ?= 'x'", SpecRequests.AsGuest, FilterAccess.ClientFilter), Is.Empty, "no editor row of P1 is visible");
            Assert.That(db.MatchingPosts("title = 'Hello World' || editors.name ?= 'x'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P1 }), "the row of U1 is");
            Assert.That(db.MatchingPosts("author.name = 'x' || title = 'Hello World'", asU2, FilterAccess.SuperuserFilter), Is.EqualTo(new[] { SpecRequests.P1 }));
        });
    }

    // Upstream does not repeat the related list rules inside the "all" subquery: every editor of P1
    // must be named Alice, including Bob whom U1 cannot list.
    [Test]
    public void A6_RelatedListRule_IsNotRepeatedInTheAllSubquery()
    {
        using var db = new SpecDatabase(new TestSchema(usersListRule: "id = @request.auth.id"));
        Assert.Multiple(() =>
        {
            Assert.That(db.MatchingPosts("editors.name = 'Alice'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.Empty);
            Assert.That(db.MatchingPosts("editors.name != 'Carol'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P1, SpecRequests.P2 }));
        });
    }

    // The related rule's own joins get their own aliases (upstream: a random suffix), so they do not
    // share rows with the same path in the filter: U1 is listable through C3 while the filter matches C1.
    [Test]
    public void A6_RelatedListRule_JoinsIndependentlyOfTheFilter()
    {
        using var db = new SpecDatabase(new TestSchema(usersListRule: "comments_via_user.post ?= 'p2bbbbbbbbbbbbb'"));
        db.Execute("INSERT INTO \"comments\" VALUES ('c3ccccccccccccc', 'p2bbbbbbbbbbbbb', 'u1aaaaaaaaaaaaa')");
        Assert.Multiple(() =>
        {
            Assert.That(db.MatchingPosts("author.comments_via_user.post ?= 'p1aaaaaaaaaaaaa'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.EqualTo(new[] { SpecRequests.P1 }));
            Assert.That(db.MatchingPosts("editors.name ?= 'Bob'", SpecRequests.AsU1, FilterAccess.ClientFilter), Is.Empty, "Bob has no comment on P2");
        });
    }
}
