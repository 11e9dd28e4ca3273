namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// The machine's bcrypt and SQLite rates, measured in the same run as the scenarios. The bcrypt
/// rates are those of the implementation the server uses here (<see cref="BcryptImplementation"/>:
/// the system's libcrypt where it is available, else BCrypt.Net); BCrypt.Net's is kept for comparison.
/// </summary>
public sealed record CalibrationResult(
    double BcryptVerifiesPerSecond1Thread,
    double BcryptVerifiesPerSecondAllThreads,
    int Threads,
    double SqliteInsertsPerSecond,
    double SqliteCommitP50Us,
    string BcryptImplementation,
    double BcryptNetVerifiesPerSecondAllThreads);
