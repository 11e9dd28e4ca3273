using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Compact HS256 JWTs exactly as upstream writes them: header <c>{"alg":"HS256","typ":"JWT"}</c>,
/// claims with sorted keys, base64url without padding.
/// </summary>
public static class Jwt
{
    private const string Header = """{"alg":"HS256","typ":"JWT"}""";

    private static readonly string EncodedHeader = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Header));

    public static string Sign(JsonObject claims, string key)
    {
        // The claims in ordinal key order, written as JsonNode.ToJsonString() would, straight to UTF-8.
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in claims.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        var signingInput = EncodedHeader + "." + System.Buffers.Text.Base64Url.EncodeToString(payload.WrittenSpan);
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
            // Every token this server signs has the same header: no need to decode it.
            var header = parts[0] == EncodedHeader ? null : JsonNode.Parse(Decode(parts[0])) as JsonObject;
            if (parts[0] != EncodedHeader && header?["alg"]?.GetValue<string>() != "HS256")
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

        // Per request on every authenticated call: HMAC and base64url into stack buffers.
        var input = ArrayPool<byte>.Shared.Rent(Encoding.ASCII.GetMaxByteCount(last));
        try
        {
            var length = Encoding.ASCII.GetBytes(token.AsSpan(0, last), input);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), input.AsSpan(0, length), mac);
            Span<char> expected = stackalloc char[System.Buffers.Text.Base64Url.GetEncodedLength(mac.Length)];
            System.Buffers.Text.Base64Url.EncodeToChars(mac, expected);
            return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes<char>(expected), MemoryMarshal.AsBytes(token.AsSpan(last + 1)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
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
