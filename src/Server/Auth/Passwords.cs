using System.Security.Cryptography;
using System.Text;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// bcrypt as upstream stores it (<c>$2a$</c>, cost from the field, default 10): through the system's
/// libcrypt where <see cref="NativeBcrypt"/> answers, else BCrypt.Net; both give the same hashes.
/// </summary>
public static class Passwords
{
    // A real hash to compare against when no record matched, so both paths cost one bcrypt check.
    private static readonly Lazy<string> TimingHash = new(() => BCrypt.Net.BCrypt.HashPassword("timing-equaliser", 10));

    public static string Hash(string password, int cost)
    {
        CountCall();
        var salt = BCrypt.Net.BCrypt.GenerateSalt(cost is >= 4 and <= 31 ? cost : 10, 'a');
        return NativeBcrypt.Crypt(password, salt) ?? BCrypt.Net.BCrypt.HashPassword(password, salt);
    }

    public static bool Verify(string password, string hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }

        CountCall();
        if (NativeBcrypt.Crypt(password, hash) is { } computed)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash));
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (Exception e) when (e is BCrypt.Net.SaltParseException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            // BCrypt.Net throws these for malformed stored hashes (short, bad cost, odd characters);
            // upstream answers false for all of them.
            return false;
        }
    }

    // A bcrypt check holds a thread for tens of milliseconds of CPU. Without a gate, a burst of
    // sign-ins occupies every thread-pool thread, other requests' bodies are not read in time and
    // Kestrel drops their connections; with it, waiting sign-ins hold no thread. One process-wide
    // gate, because the resource it guards (the CPU) is process-wide.
    private static readonly SemaphoreSlim Gate = new(Environment.ProcessorCount);

    /// <summary><see cref="Verify"/>, at most one check per core at a time; waiting costs no thread.</summary>
    public static async Task<bool> VerifyAsync(string password, string hash)
    {
        await Gate.WaitAsync(CancellationToken.None);
        try
        {
            return Verify(password, hash);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary><see cref="Hash"/> through the same per-core gate as <see cref="VerifyAsync"/>.</summary>
    public static async Task<string> HashAsync(string password, int cost)
    {
        await Gate.WaitAsync(CancellationToken.None);
        try
        {
            return Hash(password, cost);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static Task EqualiseTimingAsync(string password) => VerifyAsync(password, TimingHash.Value);

    private static readonly AsyncLocal<PasswordHashCounter?> Counter = new();

    private static void CountCall() => Counter.Value?.Count(Database.InWriteTransaction);

    /// <summary>
    /// Counts the bcrypt hashes and checks made from here on in this async flow (and the flows it
    /// starts), and how many of them ran inside a write transaction: the test seam that proves
    /// bcrypt is kept out of the single writer.
    /// </summary>
    public static PasswordHashCounter CountHashes()
    {
        var counter = new PasswordHashCounter(() => Counter.Value = null);
        Counter.Value = counter;
        return counter;
    }
}
