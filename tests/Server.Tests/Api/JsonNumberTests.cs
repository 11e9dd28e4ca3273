using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>Numbers as upstream's Go encoder writes them (spec README: shortest round-trip, e.g. 1e+21).</summary>
public sealed class JsonNumberTests
{
    [TestCase(0d, "0")]
    [TestCase(10d, "10")]
    [TestCase(-10d, "-10")]
    [TestCase(1.5, "1.5")]
    [TestCase(0.1, "0.1")]
    [TestCase(-0.25, "-0.25")]
    [TestCase(1e-6, "0.000001")]
    [TestCase(1.5e-7, "1.5e-7")]
    [TestCase(1e15, "1000000000000000")]
    [TestCase(1e16, "10000000000000000")]
    [TestCase(123456789.125, "123456789.125")]
    [TestCase(1e20, "100000000000000000000")]
    [TestCase(1e21, "1e+21")]
    [TestCase(-1.25e22, "-1.25e+22")]
    [TestCase(double.MaxValue, "1.7976931348623157e+308")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(0.30000000000000004, "0.30000000000000004")]
    public void Format_MatchesUpstream(double value, string expected) =>
        Assert.That(JsonNumber.Format(value), Is.EqualTo(expected));

    [Test]
    public void Format_RoundTrips() =>
        Assert.That(new[] { 1.0 / 3, 2e-9, 12345.678e10, 9.999999999999999e20 }.Select(v => double.Parse(JsonNumber.Format(v), System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { 1.0 / 3, 2e-9, 12345.678e10, 9.999999999999999e20 }));

    // Go's strconv.FormatFloat(v, 'g', -1, 64), as database/sql prints REAL cells (SQL console).
    [TestCase(0.0, "0")]
    [TestCase(1.5, "1.5")]
    [TestCase(-2.25, "-2.25")]
    [TestCase(100.0, "100")]
    [TestCase(123456.0, "123456")]
    [TestCase(1000000.0, "1e+06")]
    [TestCase(12345678.9, "1.23456789e+07")]
    [TestCase(1e21, "1e+21")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(1.234567e-7, "1.234567e-07")]
    [TestCase(0.1, "0.1")]
    [TestCase(1e100, "1e+100")]
    public void FormatG_AsGo(double value, string expected) => Assert.That(JsonNumber.FormatG(value), Is.EqualTo(expected));
}
