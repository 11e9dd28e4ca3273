using System.Net;
using System.Threading.RateLimiting;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Upstream's rate limits (http-api.md §15) with ASP.NET Core's fixed-window limiters: when
/// <c>settings.rateLimits.enabled</c>, the request's rule is looked up by its labels and counted per
/// client IP; superusers and <c>excludedIPs</c> are exempt; over the limit → 429.
/// </summary>
public sealed class RateLimitMiddleware : IAsyncDisposable
{
    private readonly RequestDelegate _next;
    private readonly ISettingsSource _settings;

    // The partition key holds the rule's values too, so an edited rule starts with fresh counters.
    private readonly PartitionedRateLimiter<RateLimitRequest> _limiter = PartitionedRateLimiter.Create<RateLimitRequest, string>(r =>
        RateLimitPartition.GetFixedWindowLimiter(r.Key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = r.Rule.MaxRequests,
            Window = TimeSpan.FromSeconds(r.Rule.Duration),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public RateLimitMiddleware(RequestDelegate next, ISettingsSource settings)
    {
        _next = next;
        _settings = settings;
    }

    public Task InvokeAsync(HttpContext http)
    {
        // No async frame of its own: an async middleware costs a state machine per request that
        // waits, and on a new server each one's generic instantiation is compiled at the first such
        // request (docs/benchmarks.md, History, Tier A C1).
        var limits = _settings.Current.RateLimits;
        var auth = RequestAuthState.Of(http);
        if (!limits.Enabled || auth.IsSuperuser || !http.Request.Path.StartsWithSegments("/api"))
        {
            return _next(http);
        }

        var ip = ClientIp.Of(http, _settings.Current.TrustedProxy);
        if (limits.ExcludedIPs is { Count: > 0 } excluded && excluded.Contains(ip, StringComparer.OrdinalIgnoreCase))
        {
            return _next(http);
        }

        var labels = RateLimitLabels.For(http.Request.Method, http.Request.Path.Value ?? "");
        var rule = RateLimitRuleFinder.Find(limits.Rules, labels, auth.Record is not null);
        return rule is null || rule.MaxRequests < 1 || rule.Duration < 1 ? _next(http) : LimitAsync(http, rule, ip);
    }

    private async Task LimitAsync(HttpContext http, RateLimitRule rule, string ip)
    {
        var key = string.Join('\n', rule.Label, rule.Audience, rule.Duration, rule.MaxRequests, ip);
        using var lease = _limiter.AttemptAcquire(new RateLimitRequest(key, rule));
        if (!lease.IsAcquired)
        {
            throw new ApiException(StatusCodes.Status429TooManyRequests);
        }

        await _next(http);
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    private sealed record RateLimitRequest(string Key, RateLimitRule Rule);
}
