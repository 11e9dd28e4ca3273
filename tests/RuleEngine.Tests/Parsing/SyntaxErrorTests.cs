namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

/// <summary>Golden error messages: position (0-based), what was found, what was expected.</summary>
public sealed class SyntaxErrorTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, string expression, string message) =>
            new TestCaseData(expression, message).SetName($"Error_{name}");

        // The error rows E1–E10 of rules-and-filters.md §8.
        yield return Case("E1_Incomplete", "title =", "unexpected end of input at 7, expected a value");
        yield return Case("E2_DoubleEquals", "title == 'x'", "unexpected '==' at 6, expected one of =, !=, >, >=, <, <=, ~, !~ (or its ?-form)");
        yield return Case("E3_MissingCloseParen", "(title = 'x'", "unexpected end of input at 12, expected '&&', '||' or ')'");
        yield return Case("E6_DashInHeaderName", "@request.headers.X-Token = 'a'", "unexpected '-' at 18, expected a value, an operator, '&&', '||', '(' or ')'");
        yield return Case("E7_MissingJoin", "title = 'x' title = 'y'", "unexpected 'title' at 12, expected '&&', '||' or end of input");
        yield return Case("E8_Spaces", "   ", "unexpected end of input (empty filter) at 3, expected an expression");
        yield return Case("E8_Comment", "// x", "unexpected end of input (empty filter) at 4, expected an expression");
        yield return Case("E9_Unterminated", "'abc", "unexpected unterminated text ''abc' at 0, expected a closing quote");
        yield return Case("E10_LeadingDot", ".5 > views", "unexpected '.5' at 0, expected a number such as 10, -1 or 3.5");

        // Further shapes.
        yield return Case("CloseParenAsValue", "(title = )", "unexpected ')' at 9, expected a value");
        yield return Case("StrayCloseParen", "title = 'x')", "unexpected ')' at 11, expected '&&', '||' or end of input");
        yield return Case("EmptyGroup", "()", "unexpected ')' at 1, expected an expression (empty group)");
        yield return Case("EmptyGroupAfterJoin", "a = 1 && ()", "unexpected ')' at 10, expected an expression (empty group)");
        yield return Case("LeadingJoin", "&& a = 1", "unexpected '&&' at 0, expected an expression");
        yield return Case("TrailingJoin", "a = 1 &&", "unexpected end of input at 8, expected an expression");
        yield return Case("DoubleJoin", "a = 1 && || b = 2", "unexpected '||' at 9, expected an expression");
        yield return Case("SingleAmpersand", "a = 1 & b = 2", "unexpected '&' at 6, expected '&&' or '||'");
        yield return Case("TripleBar", "a = 1 ||| b = 2", "unexpected '|||' at 6, expected '&&' or '||'");
        yield return Case("MissingOperator", "title 'x'", "unexpected ''x'' at 6, expected an operator");
        yield return Case("OperatorFirst", "= 'x'", "unexpected '=' at 0, expected an expression");
        yield return Case("TwoOperators", "a = = 1", "unexpected '=' at 4, expected a value");
        yield return Case("ChainedComparison", "a = 1 = 2", "unexpected '=' at 6, expected '&&', '||' or end of input");
        yield return Case("TrailingDot", "a. = 1", "unexpected 'a.' at 0, expected an identifier not ending with '.' or ':'");
        yield return Case("LoneAt", "@ = 1", "unexpected '@' at 0, expected an identifier not ending with '.' or ':'");
        yield return Case("TrailingDotNumber", "a > 5.", "unexpected '5.' at 4, expected a number such as 10, -1 or 3.5");
        yield return Case("LoneMinus", "a > -", "unexpected '-' at 4, expected a value, an operator, '&&', '||', '(' or ')'");
        yield return Case("UnterminatedDouble", "a = \"abc", "unexpected unterminated text '\"abc' at 4, expected a closing quote");
        yield return Case("EscapedClosingQuote", "a = 'abc\\'", "unexpected unterminated text ''abc\\'' at 4, expected a closing quote");
        yield return Case("UnknownCharacter", "a = $1", "unexpected '$' at 4, expected a value, an operator, '&&', '||', '(' or ')'");
        yield return Case("SemicolonInjection", "a = 1; DROP TABLE posts", "unexpected ';' at 5, expected a value, an operator, '&&', '||', '(' or ')'");
        yield return Case("Tab", "a\t= 1 &&\t", "unexpected end of input at 9, expected an expression");
        yield return Case("ControlChar", "a = 1\u0001", "unexpected character U+0001 at 5, expected a value, an operator, '&&', '||', '(' or ')'");
        yield return Case("FunctionUnclosed", "a = f(1", "unexpected end of input at 7, expected ',' or ')'");
        yield return Case("FunctionMissingComma", "a = f(1 2)", "unexpected '2' at 8, expected ',' or ')'");
        yield return Case("FunctionDoubleComma", "a = f(1,,2)", "unexpected ',' at 8, expected a function argument or ')'");
        yield return Case("FunctionGroupArgument", "a = f((1))", "unexpected '(' at 6, expected a function argument or ')'");
        yield return Case("FunctionTooDeep", "a = f(g(h(i(1))))", "unexpected function call nested deeper than 3 at 10, expected a value");
        yield return Case("LongTokenShortened", "a = 1 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "unexpected 'bbbbbbbbbbbbbbbbbbbbbbbb…' at 6, expected '&&', '||' or end of input");
    }

    [TestCaseSource(nameof(Cases))]
    public void Parse_Invalid_ThrowsGoldenMessage(string expression, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(expression));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void Parse_Error_ExposesPositionFoundAndExpected()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("(title = )"));
        Assert.That((error.Position, error.Found, error.Expected), Is.EqualTo((9, "')'", "a value")));
    }

    [Test]
    public void Parse_DeepNesting_IsRejectedWithoutStackOverflow()
    {
        var expression = new string('(', 10_000) + "a = 1" + new string(')', 10_000);
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(expression));
        Assert.That(error.Position, Is.EqualTo(50));
    }

    [Test]
    public void Parse_FiftyNestedGroups_AreAccepted() =>
        Assert.That(FilterParser.Parse(new string('(', 50) + "a = 1" + new string(')', 50)), Is.Not.Null);

    [Test]
    public void Parse_SyntaxError_IsAFilterException() =>
        Assert.That(() => FilterParser.Parse("a ="), Throws.InstanceOf<FilterException>());
}
