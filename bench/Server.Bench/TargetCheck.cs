using System.Globalization;

namespace PocketBaseSharp.Server.Bench;

/// <summary>Compares a run with the issue's targets and says, for each, met or missed and by how much.</summary>
public static class TargetCheck
{
    public static IEnumerable<string> Evaluate(RunReport r)
    {
        var b = r.Scenarios.Where(s => s.Tier == "B").ToList();
        foreach (var conc in b.Select(s => s.Concurrency).Distinct())
        {
            var ceiling = b.FirstOrDefault(s => s.Id == $"ceiling@{conc}");
            foreach (var id in new[] { "getOne", "auth-refresh" })
            {
                var s = b.FirstOrDefault(x => x.Id == $"{id}@{conc}");
                if (s is not null && ceiling is not null)
                {
                    yield return Verdict($"Tier B {id} @{conc} ≥ 40% of bare Kestrel JSON", 100 * s.RequestsPerSecond / ceiling.RequestsPerSecond, 40, "%");
                }
            }

            if (b.FirstOrDefault(x => x.Id == $"create@{conc}") is { } create)
            {
                yield return Verdict($"Tier B create @{conc} ≥ 8,000/s", create.RequestsPerSecond, 8000, "/s");
            }

            if (b.FirstOrDefault(x => x.Id == $"list20@{conc}") is { } list)
            {
                yield return Verdict($"Tier B list 20 of posts100k with totals @{conc} ≥ 600/s", list.RequestsPerSecond, 600, "/s");
            }
        }

        foreach (var a in r.Scenarios.Where(s => s.Tier == "A" && s.Upstream is not null))
        {
            if (a.Note?.StartsWith("bcrypt", StringComparison.Ordinal) == true && r.Calibration is { } c)
            {
                yield return Verdict($"Tier A {a.Id} (bcrypt-bound) ≥ 90% of this machine's bcrypt rate", 100 * a.RequestsPerSecond / c.BcryptVerifiesPerSecondAllThreads, 90, "%");
            }
            else if (a.Note?.StartsWith("bcrypt", StringComparison.Ordinal) != true)
            {
                yield return Verdict($"Tier A {a.Id} ≥ 2× CAX11 CGO ({a.Upstream!.CgoRps:0.##}/s) and ≥ CAX11 Go ({a.Upstream.GoRps:0.##}/s)", a.RequestsPerSecond, Math.Max(2 * a.Upstream.CgoRps, a.Upstream.GoRps), "/s");
            }
        }

        var d = r.TierD;
        if (d.ColdStartMs.Count > 0)
        {
            yield return Verdict("Tier D cold start (median) < 1 s", d.ColdStartMs.Order().ElementAt(d.ColdStartMs.Count / 2), 1000, " ms", lowerIsBetter: true);
        }

        if (d.IdleRssEmptyMiB is { } idle)
        {
            yield return Verdict("Tier D idle memory < 100 MB", idle * 1.048576, 100, " MB", lowerIsBetter: true);
        }

        foreach (var c in r.TierC)
        {
            var bound = c.Subscribers == 10_000 ? 250 : 100;
            yield return c.P99Ms is { } p99
                ? Verdict($"Tier C {c.Subscribers} subscribers at {c.Rate}/s p99 < {bound} ms", p99, bound, " ms", lowerIsBetter: true) + $"; lost {c.Lost}"
                : $"**missed**: Tier C {c.Subscribers} subscribers: {c.Failure}";
            if (c is { CrudIdleP99Ms: { } idleP99, CrudBusyP99Ms: { } busyP99 })
            {
                yield return Verdict($"Tier C CRUD p99 during the {c.Subscribers}-subscriber fan-out ≤ 2× idle ({idleP99:0.#} ms → {busyP99:0.#} ms)", busyP99 / idleP99, 2, "×", lowerIsBetter: true, inclusive: true);
            }
        }

        if (d.RssWith10kSseMiB is { } sse)
        {
            yield return Verdict("Tier D 10,000 SSE clients < 300 MB", sse * 1.048576, 300, " MB", lowerIsBetter: true);
        }

        if (r.TierC.Count == 0)
        {
            yield return "Tier C (realtime fan-out) and Tier D with 10,000 SSE clients: not run (add c to --tiers).";
        }

        if (r.TierC.Count > 0 && r.TierC.All(c => c.CrudBusyP99Ms is null))
        {
            yield return "CRUD latency while broadcasting: not measured (Realtime.Bench run with --crud-rate 0 or failed).";
        }
    }

    private static string Verdict(string what, double value, double target, string unit, bool lowerIsBetter = false, bool inclusive = false)
    {
        if (!lowerIsBetter && value <= 0)
        {
            return $"**missed**: {what}: no request finished inside the bound";
        }

        var met = lowerIsBetter ? value < target || (inclusive && value <= target) : value >= target;
        // How far off: the factor the figure must improve by to meet the target.
        var factor = lowerIsBetter ? value / target : target / Math.Max(value, 1e-9);
        return string.Create(CultureInfo.InvariantCulture,
            $"{(met ? "met" : "**missed**")}: {what}: {value:0.#}{unit}{(met ? "" : $" (needs {factor:0.0#}× better)")}");
    }
}
