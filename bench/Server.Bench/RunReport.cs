namespace PocketBaseSharp.Server.Bench;

/// <summary>Everything one run measured; serialised as the JSON result file.</summary>
public sealed record RunReport
{
    public required string StartedUtc { get; init; }

    public string FinishedUtc { get; set; } = "";

    public required string Command { get; init; }

    public required string GitCommit { get; init; }

    public required MachineInfo Machine { get; init; }

    public string LoadAverageEnd { get; set; } = "";

    public required string MachineState { get; init; }

    public required string Scale { get; init; }

    public double SeedSeconds { get; set; }

    public CalibrationResult? Calibration { get; set; }

    public List<ScenarioResult> Scenarios { get; } = [];

    public List<TierCResult> TierC { get; } = [];

    public TierDResult TierD { get; } = new();

    public List<string> Notes { get; } = [];
}
