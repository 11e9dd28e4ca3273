using System.Net;

namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>
/// One API test as data: request, caller, expected status and text fragments that must (and must
/// not) appear in the response. Run by <see cref="ScenarioRunner"/>.
/// </summary>
public sealed record ApiScenario(string Name, string Method, string Url, HttpStatusCode Status)
{
    public object? Body { get; init; }

    public string? RawBody { get; init; }

    public string ContentType { get; init; } = "application/json";

    /// <summary>"superuser", "guest" (default) or a key the test class resolves to a token.</summary>
    public string Caller { get; init; } = "guest";

    public string[] Expected { get; init; } = [];

    public string[] NotExpected { get; init; } = [];

    public override string ToString() => Name;
}
