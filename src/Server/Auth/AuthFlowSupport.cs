using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>Steps shared by the verification, password reset, email change and OTP routes.</summary>
public static class AuthFlowSupport
{
    public const string LoadFailed = "An error occurred while loading the submitted data.";
    public const string ValidationFailed = "An error occurred while validating the submitted data.";

    public static Task<JsonObject> ReadBodyAsync(HttpContext http, ServerOptions options) =>
        RequestBody.ReadAsync(http.Request, options.MaxBodySize, LoadFailed);

    /// <summary>A string member; non-strings count as missing, as Go's decoder would reject them.</summary>
    public static string Text(JsonObject body, string key) => Json.String(body[key]) ?? "";

    /// <summary>Reads a body whose only member is a required, valid <c>email</c> (the request-* flows).</summary>
    public static async Task<string> ReadEmailAsync(HttpContext http, ServerOptions options)
    {
        var email = Text(await ReadBodyAsync(http, options), "email");
        var errors = new ValidationErrors();
        RequireEmail(errors, "email", email);
        errors.ThrowIfAny(ValidationFailed);
        return email;
    }

    public static void RequireEmail(ValidationErrors errors, string key, string value)
    {
        if (value.Length == 0)
        {
            errors.Add(key, "validation_required", "Cannot be blank.");
        }
        else if (!FieldValidation.IsEmail(value))
        {
            errors.Add(key, "validation_is_email", "Must be a valid email address.");
        }
    }

    public static Task<Record?> FindByEmailAsync(RecordStore store, Collection collection, string email) =>
        store.Database.ReadAsync(async db =>
        {
            var found = await RecordStore.QueryAsync(db, null, collection,
                $"SELECT * FROM {TableSchema.Quote(collection.Name)} WHERE `email` = @email LIMIT 1",
                new Dictionary<string, object?> { ["email"] = email });
            return found.Count > 0 ? found[0] : null;
        });

    /// <summary>Saves changed auth values; <c>updated</c> moves like any record update.</summary>
    public static Task SaveAsync(RecordStore store, Record record)
    {
        if (record.Collection.FindField("updated") is { Type: "autodate", OnUpdate: true })
        {
            record.Values["updated"] = Clock.Now();
        }

        return store.WriteAsync(async scope =>
        {
            await scope.UpdateAsync(record);
            return 0;
        });
    }

    /// <summary>Sets a new password hash and rotates tokenKey, which invalidates every issued token.</summary>
    public static void SetPassword(Record record, string password)
    {
        record.Values["password"] = Passwords.Hash(password, record.Collection.FindField("password")?.Cost ?? 10);
        record.Values["tokenKey"] = RandomText.Alphanumeric(50);
    }

    /// <summary>
    /// Resolves a confirm-* token; on failure the <c>data.token</c> error upstream gives: invalid
    /// (signature, expiry, type, record) or issued for another auth collection.
    /// </summary>
    public static async Task<((Record Record, JsonObject Claims)? Result, JsonObject? Error)> CheckTokenAsync(TokenService tokens, Collection collection, string token, string type)
    {
        var result = await tokens.VerifyAsync(token, type);
        if (result is null)
        {
            return (null, InvalidToken());
        }

        return result.Value.Record.Collection.Id == collection.Id
            ? (result, null)
            : (null, ValidationErrors.Leaf("validation_token_collection_mismatch", "The provided token is for different auth collection."));
    }

    public static JsonObject InvalidToken() =>
        ValidationErrors.Leaf("validation_invalid_token", "Invalid or expired token.");
}
