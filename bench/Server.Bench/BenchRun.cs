using System.Diagnostics;
using System.Globalization;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// One benchmark run: calibration, fresh-start figures, the dataset, the tiers, then the JSON file
/// and the generated section of docs/benchmarks.md.
/// </summary>
public static class BenchRun
{
    private const string SuperuserEmail = "bench@example.com";
    private const string SuperuserPassword = "bench-password-123";

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new RunReport
        {
            StartedUtc = Now(),
            Command = "bench/run.sh " + Environment.GetEnvironmentVariable("BENCH_ARGS"),
            GitCommit = Environment.GetEnvironmentVariable("BENCH_GIT_COMMIT") ?? "unknown",
            Machine = MachineInfo.Read(),
            MachineState = o.MachineState,
            Scale = o.Scale.Label,
        };
        Console.WriteLine($"bench: {report.Machine.Cpu}, {report.Machine.LogicalCores} cores, load {report.Machine.LoadAverage}; scale {o.Scale.Label}");
        if (o.Tiers.Contains("cal"))
        {
            report.Calibration = Calibration.Run(TimeSpan.FromSeconds(o.Quick ? 1 : 3));
            Console.WriteLine($"  calibration: bcrypt {report.Calibration.BcryptVerifiesPerSecondAllThreads:F1}/s ({report.Calibration.Threads} threads), sqlite {report.Calibration.SqliteInsertsPerSecond:F0} inserts/s");
        }

        if (o.Tiers.Contains("d"))
        {
            await FreshStartsAsync(o, report);
        }

        // Tier C brings its own server and data; the others share this run's server and dataset.
        if (o.Tiers.Overlaps(["a", "b", "d"]))
        {
            var dir = Directory.CreateTempSubdirectory("pbs-bench-");
            try
            {
                await RunServerTiersAsync(o, report, dir.FullName);
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }

        if (o.Tiers.Contains("c"))
        {
            report.TierC.AddRange(await TierC.RunAsync(o));
            report.TierD.RssWith10kSseMiB = report.TierC.FirstOrDefault(c => c.Subscribers == 10_000)?.PeakRssMiB;
        }

        var json = await PublishAsync(o, report, final: true);
        Console.WriteLine($"bench: wrote {json}{(o.DocsPath is null ? "" : " and " + o.DocsPath)}");
        foreach (var line in TargetCheck.Evaluate(report))
        {
            Console.WriteLine("  " + line);
        }

        return 0;
    }

    /// <summary>
    /// Writes the JSON, the markdown and the docs section. Called after each tier too, so a run
    /// stopped by an outer time limit still leaves what it measured (marked as partial).
    /// </summary>
    private static async Task<string> PublishAsync(BenchOptions o, RunReport report, bool final)
    {
        report.FinishedUtc = final ? Now() : $"partial, last written {Now()}";
        report.LoadAverageEnd = MachineInfo.LoadAverageNow();
        var json = await Report.WriteJsonAsync(report, o.OutDir, o.DocsSection);
        var markdown = MarkdownReport.Render(report);
        await File.WriteAllTextAsync(Path.Combine(o.OutDir, o.DocsSection == "main" ? "latest.md" : $"latest-{o.DocsSection}.md"), markdown);
        if (o.DocsPath is not null)
        {
            await Report.UpdateDocsAsync(o.DocsPath, o.DocsSection, markdown);
        }

        return json;
    }

    /// <summary>Two starts on empty dirs: cold start samples and idle memory with no data.</summary>
    private static async Task FreshStartsAsync(BenchOptions o, RunReport report)
    {
        for (var i = 0; i < 2; i++)
        {
            var dir = Directory.CreateTempSubdirectory("pbs-cold-");
            try
            {
                await using var server = await ServerProcess.StartPocketBaseAsync(o.ServerDll, dir.FullName, o.Port + 10 + i);
                report.TierD.ColdStartMs.Add(server.ColdStart.TotalMilliseconds);
                if (i == 0)
                {
                    await Task.Delay(3000);
                    report.TierD.IdleRssEmptyMiB = server.RssMiB();
                }
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }

        Console.WriteLine($"  cold start {string.Join(", ", report.TierD.ColdStartMs.Select(MarkdownReport.Ms))}; idle RSS {report.TierD.IdleRssEmptyMiB:F0} MiB");
    }

    private static async Task RunServerTiersAsync(BenchOptions o, RunReport report, string dataDir)
    {
        await RunCliAsync(o.ServerDll, "superuser", "upsert", SuperuserEmail, SuperuserPassword, "--dir", dataDir);
        await using var server = await ServerProcess.StartPocketBaseAsync(o.ServerDll, dataDir, o.Port);
        report.TierD.ColdStartMs.Add(server.ColdStart.TotalMilliseconds);
        using var api = new PbApi(server.BaseUrl);
        api.Token = (await api.AuthWithPasswordAsync("_superusers", SuperuserEmail, SuperuserPassword))["token"]!.GetValue<string>();
        var data = new Dataset();
        using var tierA = new TierAContext(o, server, api, data);
        var seedClock = Stopwatch.StartNew();
        if (o.Tiers.Contains("a"))
        {
            // Upstream's create scenarios are what build its dataset: run them as the seeding.
            Console.WriteLine("  Tier A create phase (builds the dataset)...");
            report.Notes.Add($"Tier A: posts collections listed/deleted: {string.Join(", ", o.ACollections)}; cooldown {o.CooldownSeconds} s (upstream 2 s); each scenario bounded at {o.ALimitSeconds} s (creates, which build the dataset, at {TierAContext.CreateLimitSeconds} s); custom-route and hook scenarios (X1, X2) have no counterpart here (no Go/JS hooks).");
            await TierACreate.RunAsync(tierA);
            foreach (var (name, _) in o.Scale.Posts)
            {
                data.Posts[name] = await DatasetBuilder.LoadIdsAsync(api, name);
            }
        }
        else
        {
            Console.WriteLine("  building the dataset through the batch API...");
            await DatasetBuilder.SeedAsync(api, data, o.Scale);
        }

        report.SeedSeconds = seedClock.Elapsed.TotalSeconds;
        report.TierD.DatabaseMiB = DatabaseMiB(dataDir);
        Console.WriteLine($"  dataset built in {report.SeedSeconds:F1} s, {report.TierD.DatabaseMiB:F0} MiB");
        await Task.Delay(3000);
        report.TierD.IdleRssSeededMiB = server.RssMiB();
        if (o.Tiers.Contains("a"))
        {
            await TierASearch.RunAuthAsync(tierA);
            await TierASearch.RunListsAsync(tierA);
            await PublishAsync(o, WithTierA(report, tierA), final: false);
        }

        if (o.Tiers.Contains("b"))
        {
            await using var ceiling = await ServerProcess.StartCeilingAsync(o.Port + 1);
            report.Scenarios.AddRange(await TierB.RunAsync(o, server, ceiling, api, data));
            report.TierD.PeakRssTierBMiB = report.Scenarios.Where(s => s.Tier == "B").Max(s => s.PeakRssMiB);
            await PublishAsync(o, WithTierA(report, tierA), final: false);
        }

        if (o.Tiers.Contains("a"))
        {
            await TierADelete.RunAsync(tierA);
            WithTierA(report, tierA);
        }

        report.TierD.DatabaseMiBEnd = DatabaseMiB(dataDir);
    }

    /// <summary>Puts Tier A's results (so far) ahead of the other tiers' in the report.</summary>
    private static RunReport WithTierA(RunReport report, TierAContext tierA)
    {
        report.Scenarios.RemoveAll(s => s.Tier == "A");
        report.Scenarios.InsertRange(0, tierA.Results);
        return report;
    }

    private static double DatabaseMiB(string dir) =>
        new[] { "data.db", "data.db-wal" }.Select(f => Path.Combine(dir, f)).Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0;

    private static async Task RunCliAsync(string dll, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {dll} {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
