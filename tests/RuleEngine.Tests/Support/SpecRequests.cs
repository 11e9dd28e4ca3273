using PocketBaseSharp.RuleEngine.Requests;

namespace PocketBaseSharp.RuleEngine.Tests.Support;

/// <summary>The request of §8: U1, GET, <c>?lang=en</c>, <c>X-Token: abc</c>, context default, empty body.</summary>
public static class SpecRequests
{
    public const string U1 = "u1aaaaaaaaaaaaa";
    public const string U2 = "u2bbbbbbbbbbbbb";
    public const string P1 = "p1aaaaaaaaaaaaa";
    public const string P2 = "p2bbbbbbbbbbbbb";

    public static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 30, 45, 123, TimeSpan.Zero);

    // role is left out on purpose: @request.auth.role must then be read through a join.
    public static RequestInfo AsU1 { get; } = new()
    {
        Method = "GET",
        Context = "default",
        Query = new Dictionary<string, string> { ["lang"] = "en" },
        Headers = new Dictionary<string, string> { ["x_token"] = "abc" },
        Auth = new RequestAuth(U1, "_pb_users_auth_", "users", new Dictionary<string, object?>
        {
            ["email"] = "alice@example.com",
            ["emailVisibility"] = false,
            ["verified"] = true,
        }),
        Now = Now,
    };

    public static RequestInfo AsGuest { get; } = AsU1 with { Auth = null };
}
