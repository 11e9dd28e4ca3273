namespace PocketBaseSharp.Server.Bench;

/// <summary>One run of the realtime fan-out benchmark (bench/Realtime.Bench), as it reported it.</summary>
public sealed record TierCResult(int Subscribers, double Rate, int Seconds, int ExitCode, string? Row, double? P99Ms, long? Lost, double? PeakRssMiB, string? Failure);
