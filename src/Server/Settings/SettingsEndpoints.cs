using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Settings;

/// <summary><c>GET/PATCH /api/settings</c> and <c>POST /api/settings/test/email</c> (superusers only, http-api.md §8).</summary>
public static class SettingsEndpoints
{
    private static readonly Dictionary<string, TemplateKind> Templates = new(StringComparer.Ordinal)
    {
        ["verification"] = TemplateKind.Verification,
        ["password-reset"] = TemplateKind.PasswordReset,
        ["email-change"] = TemplateKind.EmailChange,
        ["otp"] = TemplateKind.Otp,
        ["login-alert"] = TemplateKind.LoginAlert,
    };

    public static void MapAppSettingsApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/settings", GetRouteExtensions.GetAndHead, (HttpContext http, SettingsService settings) =>
        {
            Guards.RequireSuperuser(http);
            return JsonOutput.Result(FieldsPicker.Apply(SettingsJson.ToPublic(settings.Current), http.Request.Query["fields"]));
        });
        app.MapPatch("/api/settings", async (HttpContext http, SettingsService settings, ServerOptions options) =>
        {
            Guards.RequireSuperuser(http);
            var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize, AuthFlowSupport.LoadFailed);
            var saved = await settings.PatchAsync(body);
            return JsonOutput.Result(FieldsPicker.Apply(SettingsJson.ToPublic(saved), http.Request.Query["fields"]));
        });
        app.MapPost("/api/settings/test/email", TestEmailAsync);
    }

    private static async Task<IResult> TestEmailAsync(HttpContext http, CollectionStore collections, ServerOptions options, AuthMails mails)
    {
        Guards.RequireSuperuser(http);
        var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize, AuthFlowSupport.LoadFailed);
        var email = AuthFlowSupport.Text(body, "email");
        var template = AuthFlowSupport.Text(body, "template");
        var collectionName = AuthFlowSupport.Text(body, "collection");
        var c = collections.Find(collectionName.Length > 0 ? collectionName : "_superusers");

        var errors = new ValidationErrors();
        AuthFlowSupport.RequireEmail(errors, "email", email);
        if (template.Length == 0)
        {
            errors.Add("template", "validation_required", "Cannot be blank.");
        }
        else if (!Templates.ContainsKey(template))
        {
            errors.Add("template", "validation_in_invalid", "Must be a valid value.");
        }

        if (c is not { IsAuth: true })
        {
            errors.Add("collection", "validation_invalid_collection", "Missing or invalid auth collection.");
        }

        errors.ThrowIfAny("An error occurred while validating the submitted data.");

        // A throwaway record addressed to the test recipient; placeholders get sample values.
        var sample = new Record(c!, new Dictionary<string, object?> { ["id"] = "_pbsharp_test_", ["email"] = email });
        var values = new Dictionary<string, string>
        {
            [MailTemplate.Token] = "TEST_TOKEN",
            [MailTemplate.Otp] = "123456",
            [MailTemplate.OtpId] = "TEST_OTP_ID",
            [MailTemplate.AlertInfo] = "TEST_ALERT_INFO",
        };
        try
        {
            await mails.SendAsync(sample, email, Templates[template], values, http.RequestAborted);
        }
        catch (MailSendException)
        {
            throw ApiException.BadRequest("Failed to send the test email.");
        }

        return Results.NoContent();
    }
}
