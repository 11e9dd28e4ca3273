namespace PocketBaseSharp.RuleEngine.Requests;

/// <summary>
/// Everything <c>@request.*</c> can read. Values are plain CLR values (string, double, bool, null,
/// <see cref="IReadOnlyList{T}"/> of object?, <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to object?).
/// Header names are already snake_cased and lower-cased (<c>X-Token</c> becomes <c>x_token</c>).
/// </summary>
public sealed record RequestInfo
{
    public string Method { get; init; } = "GET";

    /// <summary>default, realtime, expand, protectedFile, batch, oauth2, otp or password.</summary>
    public string Context { get; init; } = "default";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = Empty<string>();

    public IReadOnlyDictionary<string, string> Query { get; init; } = Empty<string>();

    public IReadOnlyDictionary<string, object?> Body { get; init; } = Empty<object?>();

    public RequestAuth? Auth { get; init; }

    public bool IsSuperuser { get; init; }

    /// <summary>The time the date macros (<c>@now</c>, <c>@todayStart</c>, …) are computed from; UTC.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    private static IReadOnlyDictionary<string, T> Empty<T>() => new Dictionary<string, T>();
}
