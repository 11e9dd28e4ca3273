using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The email-bound token types (auth-tokens.md §1): <c>verification</c> and <c>passwordReset</c>
/// carry the record's current <c>email</c>, <c>emailChange</c> also the <c>newEmail</c>. Each is
/// signed with the record's tokenKey plus the collection secret of its type.
/// </summary>
public static class RecordTokens
{
    public const string Verification = "verification";
    public const string PasswordReset = "passwordReset";
    public const string EmailChange = "emailChange";

    public static string Create(Record record, string type, string? newEmail = null)
    {
        var (secret, duration) = record.Collection.TokenOptions(TokenService.SecretKeys[type]);
        var claims = new JsonObject
        {
            ["collectionId"] = record.Collection.Id,
            ["email"] = record.GetString("email"),
            ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + duration,
            ["id"] = record.Id,
            ["type"] = type,
        };
        if (newEmail is not null)
        {
            claims["newEmail"] = newEmail;
        }

        return Jwt.Sign(claims, record.GetString("tokenKey") + secret);
    }
}
