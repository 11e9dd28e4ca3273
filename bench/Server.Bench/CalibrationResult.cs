namespace PocketBaseSharp.Server.Bench;

/// <summary>The machine's bcrypt and SQLite rates, measured in the same run as the scenarios.</summary>
public sealed record CalibrationResult(double BcryptVerifiesPerSecond1Thread, double BcryptVerifiesPerSecondAllThreads, int Threads, double SqliteInsertsPerSecond, double SqliteCommitP50Us);
