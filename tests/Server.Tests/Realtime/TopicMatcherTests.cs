using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

public sealed class TopicMatcherTests
{
    private static readonly object?[][] Cases =
    [
        ["posts", TopicKind.Collection],
        ["posts/*", TopicKind.Collection],
        ["pbc_1", TopicKind.Collection],
        ["pbc_1/*", TopicKind.Collection],
        ["posts/r1", TopicKind.Record],
        ["pbc_1/r1", TopicKind.Record],
        ["posts/r2", null],
        ["postsx", null],
        ["postsx/*", null],
        ["Posts/*", null],
        ["posts/*x", null],
        ["posts/r1/extra", null],
        ["post", null],
        ["@oauth2", null],
        ["", null],
    ];

    [TestCaseSource(nameof(Cases))]
    public void Match_TopicAgainstRecord(string topic, TopicKind? expected) =>
        Assert.That(TopicMatcher.Match(topic, "posts", "pbc_1", "r1"), Is.EqualTo(expected));
}
