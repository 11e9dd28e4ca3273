using System.Diagnostics;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Exact latency percentiles from every recorded sample (counts are bounded, so sorting all of
/// them is cheap) plus a coarse log-scale histogram for the JSON report.
/// </summary>
public sealed record LatencyStats(double MinMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs, IReadOnlyDictionary<string, long> Histogram)
{
    private static readonly double[] BucketUpperMs = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, 0, new Dictionary<string, long>());

    public static LatencyStats From(List<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return Empty;
        }

        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        var histogram = new Dictionary<string, long>();
        double sum = 0;
        foreach (var t in sorted)
        {
            var ms = ToMs(t);
            sum += ms;
            var i = Array.FindIndex(BucketUpperMs, upper => ms <= upper);
            var key = i < 0 ? $">{BucketUpperMs[^1]}ms" : $"<={BucketUpperMs[i]}ms";
            histogram[key] = histogram.GetValueOrDefault(key) + 1;
        }

        return new LatencyStats(ToMs(sorted[0]), Pct(sorted, 0.50), Pct(sorted, 0.90), Pct(sorted, 0.99), ToMs(sorted[^1]), sum / sorted.Length, histogram);
    }

    private static double Pct(long[] sorted, double p) => ToMs(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
