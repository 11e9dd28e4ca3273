namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Upstream's published req/s for one scenario on Hetzner CAX11 (2 shared ARM vCPUs), pure-Go and
/// CGO SQLite builds (pocketbase/benchmarks results/hetzner_cax11*.md, PocketBase v0.36.0).
/// </summary>
public sealed record UpstreamFigure(double GoRps, double CgoRps);
