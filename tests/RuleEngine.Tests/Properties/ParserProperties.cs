using FsCheck;
using FsCheck.Fluent;
using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Tests.Properties;

public sealed class ParserProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Test]
    public void PrintThenParse_GivesTheSameTree() =>
        Check.One(Many, Prop.ForAll(FilterGenerators.Trees, tree => FilterParser.Parse(FilterPrinter.Print(tree)).Equals(tree)));

    [Test]
    public void Print_IsStableAfterOneRoundTrip() =>
        Check.One(Many, Prop.ForAll(FilterGenerators.Trees, tree =>
        {
            var printed = FilterPrinter.Print(tree);
            return FilterPrinter.Print(FilterParser.Parse(printed)) == printed;
        }));

    [Test]
    public void RandomText_ParsesOrThrowsSyntaxError_WithinTime() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(FilterGenerators.RawText, ParsesOrFailsCleanly));

    [Test]
    public void MutatedFilters_ParseOrThrowSyntaxError_WithinTime() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(FilterGenerators.MutatedFilters, ParsesOrFailsCleanly));

    [Test]
    public void SyntaxError_PositionIsInsideTheInput() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(FilterGenerators.RawText, text =>
        {
            try
            {
                FilterParser.Parse(text);
                return true;
            }
            catch (FilterSyntaxException error)
            {
                return error.Position >= 0 && error.Position <= text.Length;
            }
        }));

    // Any other exception type, or a parse that does not finish quickly, fails the property.
    private static bool ParsesOrFailsCleanly(string text)
    {
        var parse = Task.Run(() =>
        {
            try
            {
                return FilterParser.Parse(text) is not null;
            }
            catch (FilterSyntaxException)
            {
                return true;
            }
        });
        return parse.Wait(TimeSpan.FromSeconds(5)) && parse.Result;
    }

    [Test]
    public void Print_RejectsTextEndingWithBackslash() =>
        Assert.Throws<ArgumentException>(() => FilterPrinter.Print(new ComparisonNode(new IdentifierOperand("a"), ComparisonOperator.Equal, false, new TextOperand("x\\"))));
}
