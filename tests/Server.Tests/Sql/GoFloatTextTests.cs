using PocketBaseSharp.Server.Sql;

namespace PocketBaseSharp.Server.Tests.Sql;

/// <summary>Expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints.</summary>
public sealed class GoFloatTextTests
{
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
    public void Format_AsGo(double value, string expected) => Assert.That(GoFloatText.Format(value), Is.EqualTo(expected));
}
