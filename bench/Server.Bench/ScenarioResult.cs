namespace PocketBaseSharp.Server.Bench;

/// <summary>One measured scenario: what was sent, how long it took, and the latency spread.</summary>
public sealed record ScenarioResult
{
    public required string Tier { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required int Concurrency { get; init; }

    /// <summary>Requests that finished, successfully or not, inside the time bound.</summary>
    public required long Requests { get; init; }

    public required long Errors { get; init; }

    /// <summary>Status codes of failed requests (or exception type names), for the error column.</summary>
    public required IReadOnlyDictionary<string, long> ErrorKinds { get; init; }

    public required double ElapsedMs { get; init; }

    public double RequestsPerSecond => ElapsedMs <= 0 ? 0 : Requests * 1000.0 / ElapsedMs;

    public required LatencyStats Latency { get; init; }

    /// <summary>Upstream's published CAX11 req/s (pure Go, CGO) when the scenario has one.</summary>
    public UpstreamFigure? Upstream { get; init; }

    /// <summary>Server RSS peak (MiB) sampled during the scenario, when sampled.</summary>
    public double? PeakRssMiB { get; init; }

    public string? Note { get; init; }
}
