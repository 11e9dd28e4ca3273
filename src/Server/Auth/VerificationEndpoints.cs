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

        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var email = AuthFlowSupport.Text(body, "email");
        var errors = new ValidationErrors();
        AuthFlowSupport.RequireEmail(errors, "email", email);
        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);

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
        HttpContext http, string collection, CollectionStore collections, RecordStore store, TokenService tokens, ServerOptions options)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var token = AuthFlowSupport.Text(body, "token");
        var errors = new ValidationErrors();
        if (token.Length == 0)
        {
            errors.Add("token", "validation_required", "Cannot be blank.");
            errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        }

        var verified = await AuthFlowSupport.VerifyTokenAsync(tokens, c, token, RecordTokens.Verification);
        if (verified is not { } v || Json.String(v.Claims["email"]) != v.Record.GetString("email"))
        {
            errors.AddNested("token", AuthFlowSupport.InvalidToken());
            errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
            return Results.NoContent();
        }

        if (!v.Record.GetBool("verified"))
        {
            v.Record.Values["verified"] = true;
            await AuthFlowSupport.SaveAsync(store, v.Record);
        }

        return Results.NoContent();
    }
}
