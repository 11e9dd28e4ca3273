using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>request-otp</c> and <c>auth-with-otp</c> (http-api.md §4.4, auth-tokens.md §7).</summary>
public static class OtpEndpoints
{
    private const string Invalid = "Invalid or expired OTP.";

    public static void MapOtpApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collections/{collection}/request-otp", RequestAsync);
        app.MapPost("/api/collections/{collection}/auth-with-otp", AuthAsync);
    }

    private static async Task<IResult> RequestAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        OtpCodes codes, AuthMails mails, BackgroundMail background)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        RequireEnabled(c);
        var email = await AuthFlowSupport.ReadEmailAsync(http, options);

        var record = await AuthFlowSupport.FindByEmailAsync(store, c, email);
        if (record is null)
        {
            // A plausible id for unknown addresses: the answer must not tell whether an account exists.
            return JsonOutput.Result(new JsonObject { ["otpId"] = RandomText.RecordId() });
        }

        var (otpId, code) = await codes.CreateAsync(record, email);
        if (code is not null)
        {
            background.Run("OTP", async () =>
            {
                try
                {
                    await mails.SendOtpAsync(record, email, otpId, code);
                }
                catch
                {
                    // An OTP nobody received is only clutter.
                    if (await codes.FindAsync(otpId) is { } unsent)
                    {
                        await codes.DeleteAsync(unsent);
                    }

                    throw;
                }
            });
        }

        return JsonOutput.Result(new JsonObject { ["otpId"] = otpId });
    }

    private static async Task<IResult> AuthAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        OtpCodes codes, AttemptLimiter attempts, RecordRules rules, RecordExpander expander)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        RequireEnabled(c);
        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var otpId = AuthFlowSupport.Text(body, "otpId");
        var password = AuthFlowSupport.Text(body, "password");
        var errors = new ValidationErrors();
        if (otpId.Length == 0)
        {
            errors.Add("otpId", "validation_required", "Cannot be blank.");
        }

        if (password.Length == 0)
        {
            errors.Add("password", "validation_required", "Cannot be blank.");
        }

        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        http.Items[MfaService.ItemKey] = AuthFlowSupport.Text(body, "mfaId");

        var otp = await codes.FindAsync(otpId);
        if (otp is null || otp.GetString("collectionRef") != c.Id || OtpCodes.Expired(otp, c))
        {
            throw ApiException.BadRequest(Invalid);
        }

        if (!attempts.TryAttempt("otp\n" + c.Id + "\n" + otp.GetString("recordRef")))
        {
            throw new ApiException(429, "Too many attempts, please try again later with a new OTP.");
        }

        if (!Passwords.Verify(password, otp.GetString("password")))
        {
            throw ApiException.BadRequest(Invalid);
        }

        var record = await store.FindByIdAsync(c, otp.GetString("recordRef")) ?? throw ApiException.BadRequest(Invalid);

        // The code reached the current address, which proves it.
        if (!record.GetBool("verified") && string.Equals(otp.GetString("sentTo"), record.GetString("email"), StringComparison.OrdinalIgnoreCase))
        {
            record.Values["verified"] = true;
            await AuthFlowSupport.SaveAsync(store, record);
        }

        // Used up whether the answer is the token or an MFA challenge.
        await codes.DeleteAsync(otp);
        var response = await AuthResponses.CreateAsync(http, record, TokenService.CreateAuthToken(record), "otp", store, rules, expander);
        return JsonOutput.Result(FieldsPicker.Apply(response, http.Request.Query["fields"]));
    }

    private static void RequireEnabled(Collection c)
    {
        if (!OtpCodes.IsEnabled(c))
        {
            throw ApiException.Forbidden("The collection is not configured to allow OTP authentication.");
        }
    }
}
