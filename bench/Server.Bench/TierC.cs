using System.Diagnostics;
using System.Globalization;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Tier C reuses the realtime engineer's fan-out benchmark (bench/Realtime.Bench, its own server
/// and dataset): N subscribers on posts, one writer at a fixed rate, and a separate client's CRUD
/// mix (getOne, create, update at 50/s) once idle and once during the fan-out. We run it and keep
/// the table row it prints (subscribers, writes, events, p50, p99, max, lost, disconnected, CPU,
/// peak RSS, CRUD p50 / p99 idle and during fan-out, their p99 ratio).
/// </summary>
public static class TierC
{
    public static async Task<List<TierCResult>> RunAsync(BenchOptions o)
    {
        var dll = Path.GetFullPath("bench/Realtime.Bench/bin/Release/net10.0/Realtime.Bench.dll");
        var results = new List<TierCResult>();
        if (!File.Exists(dll))
        {
            results.Add(new TierCResult(0, 0, 0, -1, null, null, null, null, $"{dll} not built"));
            return results;
        }

        foreach (var (subs, rate) in new[] { (1000, 20.0), (10_000, 2.0) })
        {
            var r = await RunOnceAsync(dll, o.ServerDll, subs, rate, o.Quick ? 5 : 10);
            Console.WriteLine($"  C {subs} subscribers at {rate}/s: {r.Row ?? r.Failure}");
            results.Add(r);
        }

        return results;
    }

    private static async Task<TierCResult> RunOnceAsync(string dll, string serverDll, int subs, double rate, int seconds)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--subscribers", subs.ToString(CultureInfo.InvariantCulture), "--rate", rate.ToString(CultureInfo.InvariantCulture), "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--server", serverDll })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Bounded: 10,000 users and connections take a while on 2 cores, but never 5 minutes.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new TierCResult(subs, rate, seconds, -1, null, null, null, null, "timed out after 5 minutes");
        }

        var row = (await stdout).Split('\n').LastOrDefault(l => l.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(l[2]));
        if (row is null)
        {
            var err = (await stderr).Trim();
            return new TierCResult(subs, rate, seconds, process.ExitCode, null, null, null, null, err.Length == 0 ? "no result row" : err[..Math.Min(300, err.Length)].ReplaceLineEndings(" "));
        }

        // | subscribers | writes | events | p50 | p99 | max | lost | disconnected | server CPU | server peak RSS
        // | CRUD p50 / p99 idle | CRUD p50 / p99 during fan-out | CRUD p99 ratio |
        var cells = row.Trim('|', ' ').Split('|').Select(c => c.Trim()).ToArray();
        return new TierCResult(subs, rate, seconds, process.ExitCode, row.Trim(), Number(cells[4]), (long?)Number(cells[6]), Number(cells[9]), null,
            cells.Length > 11 ? SecondNumber(cells[10]) : null, cells.Length > 11 ? SecondNumber(cells[11]) : null);
    }

    /// <summary>"1.0 / 8.3 ms" → 8.3 (the p99 of a "p50 / p99" cell).</summary>
    private static double? SecondNumber(string cell) =>
        cell.Split('/') is [_, var p99] ? Number(p99.Trim()) : null;

    private static double? Number(string cell) =>
        double.TryParse(cell.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
