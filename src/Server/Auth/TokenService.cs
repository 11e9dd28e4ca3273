using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Issues and verifies record tokens. The signing key is the record's <c>tokenKey</c> followed by
/// the collection secret of the token type, so rotating either invalidates the token.
/// </summary>
public sealed class TokenService(CollectionStore collections, RecordStore records, AuthTokenCache cache)
{
    public static readonly IReadOnlyDictionary<string, string> SecretKeys = new Dictionary<string, string>
    {
        ["auth"] = "authToken",
        ["file"] = "fileToken",
        ["verification"] = "verificationToken",
        ["passwordReset"] = "passwordResetToken",
        ["emailChange"] = "emailChangeToken",
    };

    /// <summary>An auth token; <paramref name="duration"/> overrides the collection's authToken duration.</summary>
    public static string CreateAuthToken(Record record, bool refreshable = true, long? duration = null)
    {
        var (secret, defaultDuration) = record.Collection.TokenOptions("authToken");
        var claims = new JsonObject
        {
            ["collectionId"] = record.Collection.Id,
            ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (duration is > 0 ? duration.Value : defaultDuration),
            ["id"] = record.Id,
            ["refreshable"] = refreshable,
            ["type"] = "auth",
        };
        return Jwt.Sign(claims, record.GetString("tokenKey") + secret);
    }

    /// <summary>
    /// The record an auth token (an <c>Authorization</c> header) stands for, or null when it is
    /// invalid in any way: <see cref="VerifyAsync"/> with <paramref name="token"/>'s last answer
    /// reused while <see cref="AuthTokenCache"/> can prove it still holds.
    /// </summary>
    public async ValueTask<Record?> AuthenticateAsync(string token)
    {
        // Read before the record is: a write or a schema change after this makes the new entry stale.
        var writeVersion = records.Database.WriteVersion;
        var snapshot = collections.All;
        if (cache.Find(token, writeVersion, snapshot) is { } hit)
        {
            return hit;
        }

        if (await VerifyAsync(token, "auth") is not { } verified)
        {
            return null;
        }

        var (record, claims) = verified;
        var exp = Json.Number(claims["exp"]) ?? double.MaxValue;
        cache.Add(token, record, exp < 9e18 ? (long)exp : long.MaxValue, writeVersion, snapshot);
        return record;
    }

    /// <summary>Resolves a token of <paramref name="type"/> to its record, or null when it is invalid in any way.</summary>
    public async Task<(Record Record, JsonObject Claims)?> VerifyAsync(string token, string type)
    {
        var claims = Jwt.ReadUnverified(token);
        if (claims is null)
        {
            return null;
        }

        var exp = Json.Number(claims["exp"]);
        if (exp is { } e && e < DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            return null;
        }

        var id = Json.String(claims["id"]);
        var collectionId = Json.String(claims["collectionId"]);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(collectionId) || Json.String(claims["type"]) != type)
        {
            return null;
        }

        var collection = collections.Find(collectionId);
        if (collection is not { IsAuth: true })
        {
            return null;
        }

        var record = await records.FindByIdAsync(collection, id);
        if (record is null)
        {
            return null;
        }

        var (secret, _) = collection.TokenOptions(SecretKeys[type]);
        return Jwt.VerifySignature(token, record.GetString("tokenKey") + secret) ? (record, claims) : null;
    }
}
