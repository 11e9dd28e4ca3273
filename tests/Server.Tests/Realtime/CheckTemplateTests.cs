using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// One compile per auth collection for rules that use only <c>@request.auth.id</c>: the template
/// is used only when the two stand-in compiles prove the id is nothing but a parameter.
/// </summary>
public sealed class CheckTemplateTests
{
    private const string First = "\u0001a\u0001";
    private const string Second = "\u0001b\u0001";
    private const string Sql = "SELECT 1 FROM `posts` WHERE `posts`.`id` = @p2 AND (`posts`.`owner` = @p0 AND @p0 != @p1) LIMIT 1";

    [TestCase("@request.auth.id != ''", true)]
    [TestCase("owner = @request.auth.id && (@request.auth.id != \"\")", true)]
    [TestCase("call_id.owner=@request.auth.id", true)]
    [TestCase("title = 'x'", true)]
    [TestCase("@request.auth.verified = true", false)]
    [TestCase("@request.auth.id != '' && @request.auth.role = 'admin'", false)]
    [TestCase("@request.auth.idx = 1", false)]
    [TestCase("@request.auth.id.name = 'x'", false)]
    [TestCase("@request.auth.id:isset = true", false)]
    public void UsesOnlyAuthId_AllowsNothingButThePlainId(string expression, bool expected) =>
        Assert.That(RealtimeAccess.UsesOnlyAuthId(expression), Is.EqualTo(expected));

    [Test]
    public void For_PutsEachSubscribersIdIntoTheStandInParameters_AndSharesTheSql()
    {
        var template = CheckTemplate.From(Check(Sql, First, ""), Check(Sql, Second, ""), First, Second)!;

        var alice = template.For("alice");
        var bob = template.For("bob");

        Assert.That(alice.Parameters.Select(p => p.Value), Is.EqualTo(new object?[] { "alice", "", "" }));
        Assert.That(bob.Parameters.Select(p => p.Value), Is.EqualTo(new object?[] { "bob", "", "" }));
        Assert.That(ReferenceEquals(alice.Sql, bob.Sql), Is.True, "one SQL text lets the checks run as one batch");
        Assert.That(alice.IdParameter, Is.EqualTo("p2"));
    }

    [Test]
    public void From_RefusesWhenTheIdShapedTheSqlOrAValue()
    {
        // Other SQL for the other id: the id decided the shape.
        Assert.That(CheckTemplate.From(Check(Sql, First, ""), Check(Sql.Replace("!=", "="), Second, ""), First, Second), Is.Null);
        // The id inside a value (a LIKE pattern): substituting it would skip the escaping.
        Assert.That(CheckTemplate.From(Check(Sql, "%" + First + "%", ""), Check(Sql, "%" + Second + "%", ""), First, Second), Is.Null);
        // A value that differs between the compiles for another reason.
        Assert.That(CheckTemplate.From(Check(Sql, First, "x"), Check(Sql, Second, "y"), First, Second), Is.Null);
        // A rule that did not compile.
        Assert.That(CheckTemplate.From(null, Check(Sql, Second, ""), First, Second), Is.Null);
    }

    private static CompiledCheck Check(string sql, object? p0, object? p1) =>
        new(sql, [new("p0", p0), new("p1", p1), new("p2", "")], "p2");
}
