namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

public sealed class ParsedFilterCacheTests
{
    [Test]
    public void GetOrParse_ReturnsTheSameTreeForTheSameText()
    {
        var cache = new ParsedFilterCache();
        var first = cache.GetOrParse("a = 1");
        Assert.That(cache.GetOrParse("a = 1"), Is.SameAs(first));
    }

    [Test]
    public void GetOrParse_StaysWithinCapacity()
    {
        var cache = new ParsedFilterCache(capacity: 10);
        for (var i = 0; i < 100; i++)
        {
            cache.GetOrParse($"a = {i}");
        }

        Assert.That(cache.Count, Is.LessThanOrEqualTo(10));
    }

    [Test]
    public void GetOrParse_DoesNotCacheSyntaxErrors()
    {
        var cache = new ParsedFilterCache();
        Assert.Throws<FilterSyntaxException>(() => cache.GetOrParse("a ="));
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public void GetOrParse_IsSafeUnderConcurrency()
    {
        var cache = new ParsedFilterCache(capacity: 50);
        var expressions = Enumerable.Range(0, 200).Select(i => $"a = {i % 80} && b ?~ 'x{i % 80}'").ToArray();
        var run = Task.Run(() => Parallel.ForEach(expressions.Concat(expressions).Concat(expressions), e =>
            Assert.That(FilterPrinter.Print(cache.GetOrParse(e)), Is.EqualTo(e))));
        Assert.That(run.Wait(TimeSpan.FromSeconds(30)), Is.True, "finished in time");
        Assert.That(cache.Count, Is.LessThanOrEqualTo(50));
    }
}
