namespace PocketBaseSharp.Server.Settings;

public sealed class RateLimitsSettings
{
    public List<RateLimitRule> Rules { get; set; } =
    [
        new() { Label = "*:auth", Duration = 3, MaxRequests = 2 },
        new() { Label = "*:create", Duration = 5, MaxRequests = 20 },
        new() { Label = "/api/batch", Duration = 1, MaxRequests = 3 },
        new() { Label = "/api/", Duration = 10, MaxRequests = 300 },
    ];

    /// <summary>Upstream serialises an unset list as <c>null</c>.</summary>
    public List<string>? ExcludedIPs { get; set; }

    public bool Enabled { get; set; }
}
