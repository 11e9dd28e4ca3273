using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>request-otp</c> and <c>auth-with-otp</c> (http-api.md §4.4, auth-tokens.md §7).</summary>
public static class OtpEndpoints
{
    public const string CollectionName = "_otps";
    private const string Invalid = "Invalid or expired OTP.";

    public static void MapOtpApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/collections/{collection}/request-otp", RequestAsync);
        app.MapPost("/api/collections/{collection}/auth-with-otp", AuthAsync);
    }

    private static async Task<IResult> RequestAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        AuthMails mails, BackgroundMail background)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        RequireEnabled(c);
        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var email = AuthFlowSupport.Text(body, "email");
        var errors = new ValidationErrors();
        AuthFlowSupport.RequireEmail(errors, "email", email);
        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);

        var record = await AuthFlowSupport.FindByEmailAsync(store, c, email);
        if (record is null)
        {
            // A plausible id for unknown addresses: the answer must not tell whether an account exists.
            return JsonOutput.Result(new JsonObject { ["otpId"] = RandomText.RecordId() });
        }

        var otps = collections.Find(CollectionName) ?? throw new InvalidOperationException("Missing _otps collection.");
        var (length, duration) = Settings(c);
        var code = RandomDigits(length);
        var (otpId, isNew) = await store.WriteAsync(async scope =>
        {
            // Upstream reuses the newest code once 10 unexpired ones exist, to stop mailbox flooding.
            var recent = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, otps,
                $"SELECT * FROM {TableSchema.Quote(otps.Name)} WHERE `collectionRef` = @c AND `recordRef` = @r AND `created` > @since ORDER BY `created` DESC",
                new Dictionary<string, object?> { ["c"] = c.Id, ["r"] = record.Id, ["since"] = Clock.ToText(DateTimeOffset.UtcNow.AddSeconds(-duration)) });
            if (recent.Count > 9)
            {
                return (recent[0].Id, false);
            }

            var now = Clock.Now();
            var row = new Record(otps, new Dictionary<string, object?>
            {
                ["id"] = RandomText.RecordId(), ["collectionRef"] = c.Id, ["recordRef"] = record.Id,
                ["password"] = Passwords.Hash(code, 8), ["sentTo"] = email, ["created"] = now, ["updated"] = now,
            });
            await scope.InsertAsync(row);
            return (row.Id, true);
        });

        if (isNew)
        {
            background.Run("OTP", () => mails.SendOtpAsync(record, email, otpId, code));
        }

        return JsonOutput.Result(new JsonObject { ["otpId"] = otpId });
    }

    private static async Task<IResult> AuthAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        AttemptLimiter attempts, RecordRules rules, RecordExpander expander)
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

        var otps = collections.Find(CollectionName) ?? throw new InvalidOperationException("Missing _otps collection.");
        var otp = await store.FindByIdAsync(otps, otpId);
        if (otp is null || otp.GetString("collectionRef") != c.Id || Expired(otp, Settings(c).Duration))
        {
            throw ApiException.BadRequest(Invalid);
        }

        if (!attempts.TryAttempt("otp\n" + c.Id + "\n" + otp.GetString("recordRef")))
        {
            throw new ApiException(429);
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
        await store.WriteAsync(async scope =>
        {
            await scope.DeleteAsync(otp);
            return 0;
        });

        var response = await AuthResponses.CreateAsync(http, record, TokenService.CreateAuthToken(record), "otp", store, rules, expander);
        return JsonOutput.Result(FieldsPicker.Apply(response, http.Request.Query["fields"]));
    }

    private static void RequireEnabled(Collection c)
    {
        if (!(Json.Bool((c.Options["otp"] as JsonObject)?["enabled"]) ?? false))
        {
            throw ApiException.Forbidden("The collection is not configured to allow OTP authentication.");
        }
    }

    private static (int Length, long Duration) Settings(Collection c)
    {
        var otp = c.Options["otp"] as JsonObject;
        return ((int)(Json.Number(otp?["length"]) ?? 8), (long)(Json.Number(otp?["duration"]) ?? 180));
    }

    private static bool Expired(Record otp, long durationSeconds) =>
        !DateTimeOffset.TryParseExact(otp.GetString("created"), Clock.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
        || created.AddSeconds(durationSeconds) < DateTimeOffset.UtcNow;

    private static string RandomDigits(int length) => RandomNumberGenerator.GetString("0123456789", Math.Clamp(length, 1, 255));
}
