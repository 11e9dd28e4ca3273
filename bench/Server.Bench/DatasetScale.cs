namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Row counts of upstream's dataset. The posts collections keep upstream's names at any scale so
/// scenario ids stay comparable; a reduced scale is reported in every output.
/// </summary>
public sealed record DatasetScale(string Label, int Organizations, int Permissions, int Users, IReadOnlyList<(string Name, int Rows)> Posts)
{
    public static DatasetScale Full { get; } = new("full (upstream: 100 orgs, 50 perms, 500 users, 10k/25k/50k/100k posts)", 100, 50, 500,
        [("posts10k", 10_000), ("posts25k", 25_000), ("posts50k", 50_000), ("posts100k", 100_000)]);

    /// <summary>A tenth of the posts and users, for a quick smoke run.</summary>
    public static DatasetScale Quick { get; } = new("quick (100 orgs, 50 perms, 50 users, 1k/2.5k/5k/10k posts)", 100, 50, 50,
        [("posts10k", 1_000), ("posts25k", 2_500), ("posts50k", 5_000), ("posts100k", 10_000)]);
}
