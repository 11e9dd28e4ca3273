namespace PocketBaseSharp.Server.Settings;

/// <summary>
/// One rate limit rule. <see cref="Label"/> is <c>collection:action</c>, <c>*:action</c>,
/// <c>METHOD /path</c> or <c>/path</c>; <see cref="Audience"/> is <c>""</c>, <c>@guest</c> or <c>@auth</c>.
/// </summary>
public sealed class RateLimitRule
{
    public string Label { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>Window length in seconds.</summary>
    public int Duration { get; set; }

    public int MaxRequests { get; set; }
}
