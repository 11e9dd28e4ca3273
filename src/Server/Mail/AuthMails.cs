using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Mail;

/// <summary>
/// The emails of the auth flows, rendered from the collection's templates (options keys
/// <c>verificationTemplate</c>, <c>resetPasswordTemplate</c>, <c>confirmEmailChangeTemplate</c>,
/// <c>otp.emailTemplate</c>, <c>authAlert.emailTemplate</c>) with the app name and URL of the settings.
/// </summary>
public sealed class AuthMails(IMailSender sender, ISettingsSource settings)
{
    public Task SendVerificationAsync(Record record, string token, CancellationToken ct = default) =>
        SendAsync(record, record.GetString("email"), TemplateKind.Verification, new() { [MailTemplate.Token] = token }, ct);

    public Task SendPasswordResetAsync(Record record, string token, CancellationToken ct = default) =>
        SendAsync(record, record.GetString("email"), TemplateKind.PasswordReset, new() { [MailTemplate.Token] = token }, ct);

    public Task SendEmailChangeAsync(Record record, string newEmail, string token, CancellationToken ct = default) =>
        SendAsync(record, newEmail, TemplateKind.EmailChange, new() { [MailTemplate.Token] = token }, ct);

    public Task SendOtpAsync(Record record, string to, string otpId, string code, CancellationToken ct = default) =>
        SendAsync(record, to, TemplateKind.Otp, new() { [MailTemplate.OtpId] = otpId, [MailTemplate.Otp] = code }, ct);

    public Task SendLoginAlertAsync(Record record, string alertInfo, CancellationToken ct = default) =>
        SendAsync(record, record.GetString("email"), TemplateKind.LoginAlert, new() { [MailTemplate.AlertInfo] = alertInfo }, ct);

    /// <summary>Sends any template to <paramref name="to"/>, for <c>POST /api/settings/test/email</c>.</summary>
    public Task SendAsync(Record record, string to, TemplateKind kind, Dictionary<string, string> values, CancellationToken ct = default)
    {
        var meta = settings.Current.Meta;
        values[MailTemplate.AppName] = meta.AppName;
        values[MailTemplate.AppUrl] = meta.AppURL;
        var visible = record.Values
            .Where(p => record.Collection.FindField(p.Key) is { Hidden: false })
            .ToDictionary(p => p.Key, p => p.Value);
        var rendered = TemplateOf(record.Collection, kind).Render(values, visible);
        return sender.SendAsync(new MailMessage(to, rendered.Subject, rendered.Body), ct);
    }

    public static MailTemplate TemplateOf(Collection collection, TemplateKind kind)
    {
        var node = kind switch
        {
            TemplateKind.Verification => collection.Options["verificationTemplate"],
            TemplateKind.PasswordReset => collection.Options["resetPasswordTemplate"],
            TemplateKind.EmailChange => collection.Options["confirmEmailChangeTemplate"],
            TemplateKind.Otp => (collection.Options["otp"] as JsonObject)?["emailTemplate"],
            _ => (collection.Options["authAlert"] as JsonObject)?["emailTemplate"],
        } as JsonObject;
        return new MailTemplate(Json.String(node?["subject"]) ?? "", Json.String(node?["body"]) ?? "");
    }
}
