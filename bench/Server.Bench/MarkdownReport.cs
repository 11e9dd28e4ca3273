using System.Globalization;
using System.Text;

namespace PocketBaseSharp.Server.Bench;

/// <summary>Renders a run as the markdown tables of docs/benchmarks.md.</summary>
public static class MarkdownReport
{
    public static string Render(RunReport r)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Run of {r.StartedUtc} (finished {r.FinishedUtc})");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{r.Command}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{r.GitCommit}`; dataset scale: {r.Scale}; built through the API in {r.SeedSeconds:F1} s");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {r.Machine.Cpu}, {r.Machine.LogicalCores} logical cores, {r.Machine.MemoryGiB} GiB, {r.Machine.Os}, {r.Machine.Runtime}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min) at start: {r.Machine.LoadAverage}; at end: {r.LoadAverageEnd}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine state: {(r.MachineState.Length == 0 ? "not stated" : r.MachineState)}");
        md.AppendLine("- Load generator: HttpClient in one process on the same machine (it competes with the server for the 2 cores).");
        foreach (var note in r.Notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        md.AppendLine();
        if (r.Calibration is { } c)
        {
            md.AppendLine("#### Calibration (this machine, this run)");
            md.AppendLine();
            md.AppendLine("| measure | value |");
            md.AppendLine("|---|---|");
            md.AppendLine(CultureInfo.InvariantCulture, $"| bcrypt cost-10 verifies/s, 1 thread ({c.BcryptImplementation}, as the server) | {c.BcryptVerifiesPerSecond1Thread:F1} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| bcrypt cost-10 verifies/s, {c.Threads} threads ({c.BcryptImplementation}, as the server) | {c.BcryptVerifiesPerSecondAllThreads:F1} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| bcrypt cost-10 verifies/s, {c.Threads} threads (BCrypt.Net, for comparison) | {c.BcryptNetVerifiesPerSecondAllThreads:F1} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| raw SQLite single-row inserts/s (1 row/tx, WAL, synchronous=NORMAL) | {c.SqliteInsertsPerSecond:F0} (commit p50 {c.SqliteCommitP50Us:F0} µs) |");
            md.AppendLine();
        }

        TierATable(md, r.Scenarios.Where(s => s.Tier == "A").ToList());
        TierBTable(md, r.Scenarios.Where(s => s.Tier == "B").ToList());
        TierCTable(md, r.TierC);
        TierDTable(md, r.TierD);
        md.AppendLine("#### Targets");
        md.AppendLine();
        var verdicts = TargetCheck.Evaluate(r).ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"{verdicts.Count(v => v.StartsWith("met", StringComparison.Ordinal))} met, {verdicts.Count(v => v.StartsWith("**missed**", StringComparison.Ordinal))} missed:");
        md.AppendLine();
        foreach (var line in verdicts)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        return md.ToString();
    }

    private static void TierATable(StringBuilder md, List<ScenarioResult> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("#### Tier A: upstream parity (new connection per request)");
        md.AppendLine();
        md.AppendLine("Ratios divide our req/s by upstream's published Hetzner CAX11 figures (2 shared ARM vCPUs): different hardware, read as orders of magnitude.");
        md.AppendLine();
        md.AppendLine("| id | scenario | reqs/conc | time | req/s | best | worst | p50 | p99 | errors | CAX11 Go | CAX11 CGO | ×Go | ×CGO |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in rows)
        {
            var u = s.Upstream;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Id} | {s.Name} | {s.Requests}/{s.Concurrency} | {Ms(s.ElapsedMs)} | {s.RequestsPerSecond:F1} | {Ms(s.Latency.MinMs)} | {Ms(s.Latency.MaxMs)} | {Ms(s.Latency.P50Ms)} | {Ms(s.Latency.P99Ms)} | {s.Errors}{Report.ErrorText(s)} | {(u is null ? "–" : u.GoRps.ToString("0.##", CultureInfo.InvariantCulture))} | {(u is null ? "–" : u.CgoRps.ToString("0.##", CultureInfo.InvariantCulture))} | {Ratio(s.RequestsPerSecond, u?.GoRps)} | {Ratio(s.RequestsPerSecond, u?.CgoRps)} |");
        }

        md.AppendLine();
    }

    private static void TierBTable(StringBuilder md, List<ScenarioResult> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("#### Tier B: steady state, keep-alive");
        md.AppendLine();
        md.AppendLine("| scenario | conc | requests | req/s | % of ceiling | p50 | p99 | max | errors | server peak RSS |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in rows)
        {
            var ceiling = rows.FirstOrDefault(c => c.Id == $"ceiling@{s.Concurrency}");
            var share = ceiling is null || s == ceiling ? "–" : (100 * s.RequestsPerSecond / ceiling.RequestsPerSecond).ToString("F0", CultureInfo.InvariantCulture) + "%";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Concurrency} | {s.Requests} | {s.RequestsPerSecond:F0} | {share} | {Ms(s.Latency.P50Ms)} | {Ms(s.Latency.P99Ms)} | {Ms(s.Latency.MaxMs)} | {s.Errors}{Report.ErrorText(s)} | {(s.Id.StartsWith("ceiling", StringComparison.Ordinal) ? "–" : $"{s.PeakRssMiB:F0} MiB")} |");
        }

        md.AppendLine();
    }

    private static void TierCTable(StringBuilder md, List<TierCResult> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("#### Tier C: realtime fan-out (bench/Realtime.Bench, its own server and dataset)");
        md.AppendLine();
        md.AppendLine("| subscribers | writes | events | p50 | p99 | max | lost | disconnected | server CPU | server peak RSS | CRUD p50 / p99 idle | CRUD p50 / p99 during fan-out | CRUD p99 ratio |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var c in rows)
        {
            md.AppendLine(c.Row ?? $"| {c.Subscribers} | {c.Rate}/s × {c.Seconds} s | failed: {c.Failure} | | | | | | | | | | |");
        }

        md.AppendLine();
        md.AppendLine("CRUD: a separate client runs getOne, create and update in turn at 50 requests/s on a collection nobody subscribes to, for as long as the writes last, once after the warm-up with the subscribers connected but no writes (idle) and once during the writes (fan-out); latency from each request's start to its complete answer. Delivery latencies and server CPU include that mix.");
        md.AppendLine();
    }

    private static void TierDTable(StringBuilder md, TierDResult d)
    {
        md.AppendLine("#### Tier D: start-up, memory, size");
        md.AppendLine();
        md.AppendLine("| measure | value | target |");
        md.AppendLine("|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| cold start to first /api/health 200 (each on a fresh dir) | {(d.ColdStartMs.Count == 0 ? "not measured" : string.Join(", ", d.ColdStartMs.Select(Ms)))} | < 1 s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| idle RSS, empty data dir | {MiB(d.IdleRssEmptyMiB)} | < 100 MB |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| idle RSS, dataset loaded | {MiB(d.IdleRssSeededMiB)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS during Tier B | {MiB(d.PeakRssTierBMiB)} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| RSS with 10,000 SSE clients | {(d.RssWith10kSseMiB is null ? "not measured (Tier C not run)" : MiB(d.RssWith10kSseMiB) + " (server peak RSS, Tier C)")} | < 300 MB |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| database size after seeding (data.db + WAL) | {MiB(d.DatabaseMiB)} | upstream ≈180 MB at full scale |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| database size at end of run | {MiB(d.DatabaseMiBEnd)} | |");
        md.AppendLine();
    }

    public static string Ms(double ms) => ms >= 1000 ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s" : ms >= 10 ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string MiB(double? v) => v is null ? "not measured" : v.Value.ToString("F0", CultureInfo.InvariantCulture) + " MiB";

    private static string Ratio(double ours, double? theirs) => theirs is null or 0 ? "–" : (ours / theirs.Value).ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
