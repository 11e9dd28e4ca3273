using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Compact HS256 JWTs exactly as upstream writes them: header <c>{"alg":"HS256","typ":"JWT"}</c>,
/// claims with sorted keys, base64url without padding.
/// </summary>
public static class Jwt
{
    private const string Header = """{"alg":"HS256","typ":"JWT"}""";

    public static string Sign(JsonObject claims, string key)
    {
        var sorted = new JsonObject(claims.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(Header)) + "." + Base64Url(Encoding.UTF8.GetBytes(sorted.ToJsonString()));
        return signingInput + "." + Signature(signingInput, key);
    }

    /// <summary>Reads the claims without checking the signature (step 1 of upstream's verification).</summary>
    public static JsonObject? ReadUnverified(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Decode(parts[0])) as JsonObject;
            if (header?["alg"]?.GetValue<string>() != "HS256")
            {
                return null;
            }

            return JsonNode.Parse(Decode(parts[1])) as JsonObject;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static bool VerifySignature(string token, string key)
    {
        var last = token.LastIndexOf('.');
        if (last < 0)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(token[..last], key));
        var actual = Encoding.ASCII.GetBytes(token[(last + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string Signature(string signingInput, string key)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signingInput));
        return Base64Url(mac);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string segment)
    {
        var s = segment.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }
}
