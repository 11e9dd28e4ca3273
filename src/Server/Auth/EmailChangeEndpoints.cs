using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>request-email-change</c> and <c>confirm-email-change</c> (http-api.md §4.8).</summary>
public static class EmailChangeEndpoints
{
    public static void MapEmailChangeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collections/{collection}/request-email-change", RequestAsync);
        app.MapPost("/api/collections/{collection}/confirm-email-change", ConfirmAsync);
    }

    private static async Task<IResult> RequestAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options, AuthMails mails)
    {
        var c = collections.Find(collection) ?? throw ApiException.NotFound("Missing or invalid collection context.");
        var auth = RequestAuthState.Of(http);
        if (auth.Record is null)
        {
            throw ApiException.Unauthorized("The request requires valid record authorization token.");
        }

        if (auth.Record.Collection.Id != c.Id)
        {
            throw ApiException.Forbidden($"The request requires auth record from {c.Name} collection.");
        }

        if (c.IsSuperusers)
        {
            throw ApiException.BadRequest("All superusers can change their emails directly.");
        }

        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var newEmail = AuthFlowSupport.Text(body, "newEmail");
        var record = auth.Record;
        var errors = new ValidationErrors();
        AuthFlowSupport.RequireEmail(errors, "newEmail", newEmail);
        if (errors.IsEmpty && string.Equals(newEmail, record.GetString("email"), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("newEmail", "validation_not_in_invalid", "Must not be in list.");
        }
        else if (errors.IsEmpty && await EmailTakenAsync(store, c, newEmail, record.Id))
        {
            errors.Add("newEmail", "validation_invalid_new_email", "Invalid new email address.");
        }

        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);

        // Sent in the request (not in the background): the caller is authenticated, nothing to hide.
        var token = RecordTokens.Create(record, RecordTokens.EmailChange, newEmail);
        try
        {
            await mails.SendEmailChangeAsync(record, newEmail, token);
        }
        catch (MailSendException)
        {
            throw ApiException.BadRequest("Failed to send email change confirmation email.");
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, TokenService tokens, ServerOptions options)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var token = AuthFlowSupport.Text(body, "token");
        var password = AuthFlowSupport.Text(body, "password");

        var errors = new ValidationErrors();
        var verified = await AuthFlowSupport.VerifyTokenAsync(tokens, c, token, RecordTokens.EmailChange);
        var newEmail = verified is { } v ? Json.String(v.Claims["newEmail"]) ?? "" : "";
        if (token.Length == 0)
        {
            errors.Add("token", "validation_required", "Cannot be blank.");
        }
        else if (verified is null
            || Json.String(verified.Value.Claims["email"]) != verified.Value.Record.GetString("email")
            || !FieldValidation.IsEmail(newEmail)
            || await EmailTakenAsync(store, c, newEmail, verified.Value.Record.Id))
        {
            errors.AddNested("token", AuthFlowSupport.InvalidToken());
        }

        if (password.Length == 0)
        {
            errors.Add("password", "validation_required", "Cannot be blank.");
        }
        else if (verified is { } ok && !Passwords.Verify(password, ok.Record.GetString("password")))
        {
            errors.Add("password", "validation_invalid_password", "Missing or invalid auth record password.");
        }

        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        var record = verified!.Value.Record;
        record.Values["email"] = newEmail;
        record.Values["verified"] = true;
        record.Values["tokenKey"] = RandomText.Alphanumeric(50);
        await AuthFlowSupport.SaveAsync(store, record);
        return Results.NoContent();
    }

    private static async Task<bool> EmailTakenAsync(RecordStore store, Collection c, string email, string exceptId)
    {
        var count = await store.Database.ReadAsync(db => RecordStore.ScalarAsync(db, null,
            $"SELECT COUNT(*) FROM {TableSchema.Quote(c.Name)} WHERE `email` = @email COLLATE NOCASE AND `id` != @id",
            new Dictionary<string, object?> { ["email"] = email, ["id"] = exceptId }));
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
