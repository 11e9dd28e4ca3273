namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Upstream's published CAX11 req/s (pure Go, CGO) for the scenarios listed in
/// /work/shared/notes/pocketbase-benchmarks.md (pocketbase/benchmarks results/hetzner_cax11*.md,
/// PocketBase v0.36.0). Reference data for ratios only: other hardware, 2 shared ARM vCPUs.
/// </summary>
public static class UpstreamFigures
{
    private static readonly Dictionary<string, UpstreamFigure> ById = new()
    {
        ["C1 organizations rule=\"\""] = new(2615, 3153),
        ["C3 users rule=\"\""] = new(15, 15),
        ["C4 posts10k rule=\"\""] = new(1900, 2365),
        ["C4 posts100k rule=\"\""] = new(2015, 2370),
        ["C4 posts100k rule=auth"] = new(1357, 1640),
        ["A1 auth-with-password 250/250"] = new(30, 30),
        ["A1 auth-with-password 250/10"] = new(30, 30),
        ["A2 auth-refresh 1000/1000"] = new(2765, 2864),
        ["A2 auth-refresh 1000/100"] = new(3204, 3032),
        ["S0 users getOne 1000/100"] = new(2642, 2816),
        ["S0 users getOne 1000/1000"] = new(2165, 2518),
        ["S1 posts10k simpleA"] = new(318, 447),
        ["S1 posts10k simpleB"] = new(678, 891),
        ["S1 posts10k simpleC"] = new(1316, 1293),
        ["S1 posts100k simpleA"] = new(75, 136),
        ["S1 posts100k simpleB"] = new(146, 289),
        ["S1 posts100k simpleC"] = new(1126, 1347),
        ["S2 posts100k mixed"] = new(127, 301),
        ["S3 posts100k expand=author"] = new(136, 270),
        ["S4 posts100k author (no index)"] = new(23, 39),
        ["S4 posts100k author (index)"] = new(288, 936),
        ["S4 posts100k author (index, skipTotal)"] = new(1147, 1220),
        ["S4 posts100k author.permissions.active ="] = new(0.48, 1.3),
        ["S4 posts100k author.permissions.active = (skipTotal)"] = new(129, 453),
        ["D1 posts100k rule=\"\""] = new(1220, 1257),
        ["D1 users (cascade)"] = new(7, 8),
        ["D1 organizations (cascade)"] = new(3, 3),
    };

    public static UpstreamFigure? For(string id) => ById.GetValueOrDefault(id);
}
