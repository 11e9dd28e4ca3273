using System.Globalization;

namespace PocketBaseSharp.Server.Bench;

/// <summary>Command-line options; see bench/README.md.</summary>
public sealed record BenchOptions
{
    public required string ServerDll { get; init; }

    public string OutDir { get; init; } = "bench/results";

    public string? DocsPath { get; init; }

    /// <summary>Which generated section of the docs page this run replaces (e.g. a separate Tier C run).</summary>
    public string DocsSection { get; init; } = "main";

    public bool Quick { get; init; }

    public HashSet<string> Tiers { get; init; } = ["cal", "a", "b", "c", "d"];

    public int[] Concurrencies { get; init; } = [16, 64, 256];

    /// <summary>Tier B scenario ids to run (e.g. ceiling,list20); null runs all.</summary>
    public HashSet<string>? BScenarios { get; init; }

    /// <summary>Measured seconds per Tier B scenario (after a warm-up of a fifth of it).</summary>
    public double Seconds { get; init; } = 8;

    public int Port { get; init; } = 18090;

    /// <summary>Posts collections Tier A lists and deletes on (creates always fill all four).</summary>
    public string[] ACollections { get; init; } = ["posts10k", "posts25k", "posts50k", "posts100k"];

    /// <summary>Pause before each Tier A scenario; upstream uses 2 s.</summary>
    public double CooldownSeconds { get; init; } = 2;

    /// <summary>Wall-time bound of one Tier A scenario; a cut scenario reports what finished.</summary>
    public double ALimitSeconds { get; init; } = 60;

    /// <summary>Free text about the machine's state (e.g. other builds running), copied into the report.</summary>
    public string MachineState { get; init; } = "";

    public string CommandLine { get; init; } = "";

    public DatasetScale Scale => Quick ? DatasetScale.Quick : DatasetScale.Full;

    public static BenchOptions Parse(string[] args)
    {
        string? dll = null, outDir = null, docs = null, state = null, section = null;
        var quick = false;
        HashSet<string>? tiers = null;
        double? seconds = null, cooldown = null, aLimit = null;
        string[]? aCollections = null;
        int[]? concurrencies = null;
        HashSet<string>? bScenarios = null;
        var port = 18090;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--server-dll": dll = Next(); break;
                case "--out": outDir = Next(); break;
                case "--docs": docs = Next(); break;
                case "--docs-section": section = Next(); break;
                case "--quick": quick = true; break;
                case "--tiers": tiers = [.. Next().ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries)]; break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--port": port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--machine-state": state = Next(); break;
                case "--a-collections": aCollections = Next().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--cooldown": cooldown = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--a-limit": aLimit = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--b-scenarios": bScenarios = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries)]; break;
                case "--concurrency": concurrencies = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var defaults = new BenchOptions { ServerDll = "" };
        return new BenchOptions
        {
            ServerDll = Path.GetFullPath(dll ?? throw new ArgumentException("--server-dll is required")),
            OutDir = outDir ?? defaults.OutDir,
            DocsPath = docs,
            DocsSection = section ?? defaults.DocsSection,
            Quick = quick,
            Tiers = tiers ?? defaults.Tiers,
            Seconds = seconds ?? (quick ? 2 : defaults.Seconds),
            Port = port,
            MachineState = state ?? "",
            ACollections = aCollections ?? defaults.ACollections,
            Concurrencies = concurrencies ?? defaults.Concurrencies,
            BScenarios = bScenarios,
            CooldownSeconds = cooldown ?? (quick ? 0.5 : defaults.CooldownSeconds),
            ALimitSeconds = aLimit ?? (quick ? 10 : defaults.ALimitSeconds),
            CommandLine = string.Join(' ', args),
        };
    }
}
