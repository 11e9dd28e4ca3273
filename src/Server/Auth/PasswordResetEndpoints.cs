using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Cli;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>request-password-reset</c> and <c>confirm-password-reset</c> (http-api.md §4.7).</summary>
public static class PasswordResetEndpoints
{
    public static void MapPasswordResetApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collections/{collection}/request-password-reset", RequestAsync);
        app.MapPost("/api/collections/{collection}/confirm-password-reset", ConfirmAsync);
    }

    private static async Task<IResult> RequestAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        AuthMails mails, BackgroundMail background, ResendThrottle throttle)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        if (!c.PasswordAuthEnabled)
        {
            throw ApiException.BadRequest("The collection is not configured to allow password authentication.");
        }

        var email = await AuthFlowSupport.ReadEmailAsync(http, options);

        var record = await AuthFlowSupport.FindByEmailAsync(store, c, email);
        var placeholder = c.IsSuperusers && Installer.IsPlaceholder(email);
        if (record is not null && !placeholder && throttle.TryAcquire("passwordReset", c.Id, record.Id))
        {
            var token = RecordTokens.Create(record, RecordTokens.PasswordReset);
            background.Run("password reset", () => mails.SendPasswordResetAsync(record, token));
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, TokenService tokens, ServerOptions options, ResendThrottle throttle)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var token = AuthFlowSupport.Text(body, "token");
        var password = AuthFlowSupport.Text(body, "password");
        var confirm = AuthFlowSupport.Text(body, "passwordConfirm");

        var errors = new ValidationErrors();
        var (verified, tokenError) = token.Length == 0 ? (null, null) : await AuthFlowSupport.CheckTokenAsync(tokens, c, token, RecordTokens.PasswordReset);
        if (token.Length == 0)
        {
            errors.Add("token", "validation_required", "Cannot be blank.");
        }
        else if (tokenError is not null)
        {
            errors.AddNested("token", tokenError);
        }

        CheckPassword(errors, c, password);
        if (confirm.Length == 0)
        {
            errors.Add("passwordConfirm", "validation_required", "Cannot be blank.");
        }
        else if (confirm != password)
        {
            errors.Add("passwordConfirm", "validation_values_mismatch", "Values don't match.");
        }

        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        var (record, claims) = verified!.Value;
        AuthFlowSupport.SetPassword(record, password);

        // The mail reached the owner of the current address, which proves it.
        if (Json.String(claims["email"]) == record.GetString("email"))
        {
            record.Values["verified"] = true;
        }

        await AuthFlowSupport.SaveAsync(store, record);
        throttle.Forget("passwordReset", c.Id, record.Id);
        return Results.NoContent();
    }

    /// <summary>Required, at least the password field's <c>min</c>, at most 255 here and the field's own max.</summary>
    public static void CheckPassword(ValidationErrors errors, Collection c, string password)
    {
        var field = c.FindField("password");
        var min = Math.Max(1, (int)(field?.Min ?? 0));
        if (password.Length == 0)
        {
            errors.Add("password", "validation_required", "Cannot be blank.");
        }
        else if (password.Length < min || password.Length > 255)
        {
            errors.Add("password", "validation_length_out_of_range", $"The length must be between {min} and 255.", new JsonObject { ["min"] = min, ["max"] = 255 });
        }
        else if (FieldValidator.ValidatePassword(field, password) is { } error)
        {
            errors.AddNested("password", error);
        }
    }
}
