namespace PocketBaseSharp.Server.Bench;

/// <summary>Tier D: start-up, memory and size figures of one run. Null means not measured.</summary>
public sealed record TierDResult
{
    /// <summary>Process creation to the first 200 of /api/health, each on a fresh data dir.</summary>
    public List<double> ColdStartMs { get; init; } = [];

    /// <summary>RSS 3 s after start on an empty data dir.</summary>
    public double? IdleRssEmptyMiB { get; set; }

    /// <summary>RSS 3 s after the dataset was built (server idle).</summary>
    public double? IdleRssSeededMiB { get; set; }

    /// <summary>Highest RSS sampled during Tier B.</summary>
    public double? PeakRssTierBMiB { get; set; }

    /// <summary>RSS with 10,000 SSE clients connected; pending the realtime benchmark.</summary>
    public double? RssWith10kSseMiB { get; set; }

    /// <summary>data.db plus its WAL right after seeding.</summary>
    public double? DatabaseMiB { get; set; }

    public double? DatabaseMiBEnd { get; set; }
}
