using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>request-verification</c> and <c>confirm-verification</c> (http-api.md §4.6).</summary>
public static class VerificationEndpoints
{
    public static void MapVerificationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collections/{collection}/request-verification", RequestAsync);
        app.MapPost("/api/collections/{collection}/confirm-verification", ConfirmAsync);
    }

    private static async Task<IResult> RequestAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        AuthMails mails, BackgroundMail background, ResendThrottle throttle)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        if (c.IsSuperusers)
        {
            throw ApiException.BadRequest("All superusers are verified by default.");
        }

        var email = await AuthFlowSupport.ReadEmailAsync(http, options);

        // Unknown and already verified addresses answer the same 204: no account enumeration.
        var record = await AuthFlowSupport.FindByEmailAsync(store, c, email);
        if (record is not null && !record.GetBool("verified") && throttle.TryAcquire("verification", c.Id, record.Id))
        {
            var token = RecordTokens.Create(record, RecordTokens.Verification);
            background.Run("verification", () => mails.SendVerificationAsync(record, token));
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, TokenService tokens, ServerOptions options, ResendThrottle throttle)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        if (c.IsSuperusers)
        {
            throw ApiException.BadRequest("All superusers are verified by default.");
        }

        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var token = AuthFlowSupport.Text(body, "token");
        var errors = new ValidationErrors();
        if (token.Length == 0)
        {
            errors.Add("token", "validation_required", "Cannot be blank.");
            errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        }

        var email = Json.String(Jwt.ReadUnverified(token)?["email"]) ?? "";
        var (verified, error) = email.Length == 0
            ? (null, ValidationErrors.Leaf("validation_invalid_token_claims", "Missing email token claim."))
            : await AuthFlowSupport.CheckTokenAsync(tokens, c, token, RecordTokens.Verification);
        if (verified is { } v && v.Record.GetString("email") != email)
        {
            // The address changed after the mail was sent.
            error = ValidationErrors.Leaf("validation_token_email_mismatch", "The record email doesn't match with the requested token claims.");
        }

        if (error is not null)
        {
            errors.AddNested("token", error);
            errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        }

        var record = verified!.Value.Record;
        if (!record.GetBool("verified"))
        {
            record.Values["verified"] = true;
            await AuthFlowSupport.SaveAsync(store, record);
            throttle.Forget("verification", c.Id, record.Id);
        }

        return Results.NoContent();
    }
}
