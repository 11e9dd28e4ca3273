using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Mail;

/// <summary>
/// A collection email template (<c>{subject, body}</c>) and its placeholders: <c>{APP_NAME}</c>,
/// <c>{APP_URL}</c>, <c>{TOKEN}</c>, <c>{OTP}</c>, <c>{OTP_ID}</c>, <c>{ALERT_INFO}</c> and
/// <c>{RECORD:field}</c>. Values are HTML-escaped in the body (it is HTML) but not in the subject.
/// </summary>
public sealed partial record MailTemplate(string Subject, string Body)
{
    public const string AppName = "{APP_NAME}";
    public const string AppUrl = "{APP_URL}";
    public const string Token = "{TOKEN}";
    public const string Otp = "{OTP}";
    public const string OtpId = "{OTP_ID}";
    public const string AlertInfo = "{ALERT_INFO}";

    /// <summary>Fills the placeholders; unknown <c>{RECORD:x}</c> fields become empty like upstream.</summary>
    /// <param name="values">Placeholder (e.g. <see cref="Token"/>) to raw value.</param>
    /// <param name="record">The record's visible field values for <c>{RECORD:field}</c>.</param>
    public MailTemplate Render(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, object?>? record = null) =>
        new(Fill(Subject, values, record, escape: false), Fill(Body, values, record, escape: true));

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, object?>? record, bool escape)
    {
        var result = RecordPlaceholder().Replace(text, m =>
        {
            var value = record is not null && record.TryGetValue(m.Groups["field"].Value, out var v) ? Format(v) : "";
            return escape ? WebUtility.HtmlEncode(value) : value;
        });

        foreach (var (placeholder, value) in values)
        {
            result = result.Replace(placeholder, escape ? WebUtility.HtmlEncode(value) : value, StringComparison.Ordinal);
        }

        return result;
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    [GeneratedRegex(@"\{RECORD:(?<field>\w+)\}")]
    private static partial Regex RecordPlaceholder();
}
