using System.Security.Cryptography;
using System.Text;

namespace PocketBaseSharp.Server.Auth;

/// <summary>PKCE (RFC 7636) with the S256 method, the only one upstream uses.</summary>
public static class OAuth2Pkce
{
    public const string Method = "S256";

    /// <summary>base64url(SHA-256(verifier)) without padding.</summary>
    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
