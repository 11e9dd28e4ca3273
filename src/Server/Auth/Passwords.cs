namespace PocketBaseSharp.Server.Auth;

/// <summary>bcrypt as upstream stores it (<c>$2a$</c>, cost from the field, default 10).</summary>
public static class Passwords
{
    // A real hash to compare against when no record matched, so both paths cost one bcrypt check.
    private static readonly Lazy<string> TimingHash = new(() => BCrypt.Net.BCrypt.HashPassword("timing-equaliser", 10));

    public static string Hash(string password, int cost) => BCrypt.Net.BCrypt.HashPassword(password, cost is >= 4 and <= 31 ? cost : 10);

    public static bool Verify(string password, string hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    public static void EqualiseTiming(string password) => Verify(password, TimingHash.Value);
}
