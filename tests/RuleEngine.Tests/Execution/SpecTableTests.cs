using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Execution;

/// <summary>Every row of rules-and-filters.md §8, compiled and run on SQLite against P1 and P2.</summary>
[Parallelizable(ParallelScope.None)]
public sealed class SpecTableTests
{
    private SpecDatabase _db = null!;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = new SpecDatabase();

    [OneTimeTearDown]
    public void DropDatabase() => _db.Dispose();

    private static IEnumerable<TestCaseData> Rows()
    {
        static TestCaseData Row(int number, string expression, bool p1, bool p2, bool guest = false) =>
            new TestCaseData(expression, p1, p2, guest).SetName($"Spec{number:00}: {expression.Replace("\n", "\\n", StringComparison.Ordinal)}{(guest ? " (guest)" : "")}");

        yield return Row(1, "title = 'Hello World'", true, false);
        yield return Row(2, "title = ''", false, true);
        yield return Row(3, "title = null", false, true);
        yield return Row(4, "title != ''", true, false);
        yield return Row(5, "title ~ 'world'", true, false);
        yield return Row(6, "title ~ 'Hel%'", true, false);
        yield return Row(7, "title !~ 'xyz'", true, true);
        yield return Row(8, "title ~ 'o_W'", false, false);
        yield return Row(9, "title:lower = 'hello world'", true, false);
        yield return Row(10, "'Hello World' = title", true, false);
        yield return Row(11, "title = title", true, true);
        yield return Row(12, "title = 'It\\'s'", false, false);
        yield return Row(13, "// published only\nstatus = 'published'", true, false);
        yield return Row(14, "views > 5", true, false);
        yield return Row(15, "views >= 0 && views <= 10", true, true);
        yield return Row(16, "views = 0", false, true);
        yield return Row(17, "views = null", false, false);
        yield return Row(18, "views > -1", true, true);
        yield return Row(19, "published = true", true, false);
        yield return Row(20, "published != true", false, true);
        yield return Row(21, "status = 'published' || status = 'draft'", true, true);
        yield return Row(22, "title = '' || status = 'published' && views > 100", false, true);
        yield return Row(23, "(title = '' || status = 'published') && views > 100", false, false);
        yield return Row(24, "tags ~ 'news'", true, false);
        yield return Row(25, "tags = 'news'", false, false);
        yield return Row(26, "tags ?= 'news'", false, false);
        yield return Row(27, "tags:each ?= 'news'", true, false);
        yield return Row(28, "tags:each = 'news'", false, false);
        yield return Row(29, "tags:each != 'spam'", true, true);
        yield return Row(30, "tags:length > 1", true, false);
        yield return Row(31, "tags:length = 0", false, true);
        yield return Row(32, "author = @request.auth.id", true, false);
        yield return Row(33, "author = @request.auth.id", false, true, guest: true);
        yield return Row(34, "@request.auth.id != '' && author = @request.auth.id", false, false, guest: true);
        yield return Row(35, "author.id = @request.auth.id", true, false);
        yield return Row(36, "author.name = 'Alice'", true, false);
        yield return Row(37, "author.verified = true", true, false);
        yield return Row(38, "editors.id ?= @request.auth.id", true, false);
        yield return Row(39, "editors.id = @request.auth.id", false, false);
        yield return Row(40, "editors.id != @request.auth.id", false, true);
        yield return Row(41, "editors ~ @request.auth.id", true, false);
        yield return Row(42, "editors ?= @request.auth.id", false, false);
        yield return Row(43, "editors:length = 2", true, false);
        yield return Row(44, "editors.name ?~ 'bo'", true, false);
        yield return Row(45, "comments_via_post.user ?= @request.auth.id", true, false);
        yield return Row(46, "comments_via_post.user = @request.auth.id", false, false);
        yield return Row(47, "@collection.comments.post ?= id && @collection.comments.user ?= @request.auth.id", true, false);
        yield return Row(48, "@collection.comments.post = id", true, false);
        yield return Row(49, "@request.auth.id != ''", true, true);
        yield return Row(49, "@request.auth.id != ''", false, false, guest: true);
        yield return Row(50, "@request.auth.verified = true", true, true);
        yield return Row(51, "@request.auth.role = 'editor'", true, true);
        yield return Row(52, "@request.auth.collectionName = 'users'", true, true);
        yield return Row(53, "@request.method = 'GET'", true, true);
        yield return Row(54, "@request.context = 'default'", true, true);
        yield return Row(55, "@request.query.lang = 'en'", true, true);
        yield return Row(56, "@request.query.missing = ''", true, true);
        yield return Row(57, "@request.query.lang:isset = true", true, true);
        yield return Row(58, "@request.headers.x_token = 'abc'", true, true);
        yield return Row(59, "@request.body.title:isset = false", true, true);
        yield return Row(60, "meta.a.b = 5", true, false);
        yield return Row(61, "meta.flags.1 = 2", true, false);
        yield return Row(62, "meta.missing = null", true, true);
        yield return Row(63, "meta.missing = ''", false, false);
        yield return Row(64, "created > '2024-01-01'", true, false);
        yield return Row(65, "created < @now", true, true);
        yield return Row(66, "strftime('%Y', created) = '2024'", true, false);
        yield return Row(67, "geoDistance(location.lon, location.lat, 23.32, 42.69) < 25", true, false);
        yield return Row(68, "true = true", true, true);
    }

    [TestCaseSource(nameof(Rows))]
    public void Filter_MatchesAsSpecified(string expression, bool p1, bool p2, bool guest)
    {
        var expected = new[] { (p1, SpecRequests.P1), (p2, SpecRequests.P2) }.Where(x => x.Item1).Select(x => x.Item2);
        var request = guest ? SpecRequests.AsGuest : SpecRequests.AsU1;

        Assert.That(_db.MatchingPosts(expression, request), Is.EqualTo(expected));
    }
}
