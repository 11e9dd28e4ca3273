namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// One run of the realtime fan-out benchmark (bench/Realtime.Bench), as it reported it; the CRUD
/// p99s are those of its CRUD mix before the writes (idle) and during the fan-out.
/// </summary>
public sealed record TierCResult(
    int Subscribers, double Rate, int Seconds, int ExitCode, string? Row, double? P99Ms, long? Lost, double? PeakRssMiB, string? Failure,
    double? CrudIdleP99Ms = null, double? CrudBusyP99Ms = null);
