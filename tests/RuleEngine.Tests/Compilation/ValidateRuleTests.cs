using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Compilation;

public sealed class ValidateRuleTests
{
    private static readonly TestSchema Schema = new();
    private static readonly RuleCompiler Compiler = new(Schema, SqliteDialect.Instance);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("@request.auth.id != '' && author = @request.auth.id")]
    [TestCase("editors.id ?= @request.auth.id || @collection.comments.post ?= id")]
    [TestCase("@request.body.title:changed = false && secret != ''")]
    public void ValidateRule_AcceptsValidRules(string? rule) =>
        Assert.DoesNotThrow(() => Compiler.ValidateRule(rule, Schema.Posts));

    [TestCase("title =", typeof(FilterSyntaxException))]
    [TestCase("nope = 1", typeof(FilterBindException))]
    [TestCase("author.nope = 1", typeof(FilterBindException))]
    [TestCase("title:foo = 1", typeof(FilterBindException))]
    public void ValidateRule_RejectsInvalidRules(string rule, Type error) =>
        Assert.That(() => Compiler.ValidateRule(rule, Schema.Posts), Throws.InstanceOf(error));
}
