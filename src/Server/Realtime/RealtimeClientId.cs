using System.Security.Cryptography;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>Client ids as upstream makes them: 40 random characters from <c>[A-Za-z0-9]</c>.</summary>
public static class RealtimeClientId
{
    public const int Length = 40;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
