using System.Security.Cryptography;
using System.Text;

namespace PocketBaseSharp.Server.Tests.AuthFlows.Support;

/// <summary>
/// Builds JWTs from literal header and payload text (any claim order, any <c>alg</c>) so tests can
/// present tokens the server itself would never write.
/// </summary>
public static class RawJwt
{
    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hs256(string header, string payload, string key)
    {
        var input = Encode(header) + "." + Encode(payload);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(input));
        return input + "." + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Unsigned(string payload) => Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode(payload) + ".";
}
