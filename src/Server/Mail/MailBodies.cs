using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Mail;

/// <summary>Builds the MIME message: the HTML body plus a plain-text alternative derived from it.</summary>
public static partial class MailBodies
{
    public static MimeMessage ToMime(MailMessage message, MetaSettings meta)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(meta.SenderName, meta.SenderAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { HtmlBody = message.Html, TextBody = ToPlainText(message.Html) }.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// A readable text version for clients without HTML: links keep their target in brackets
    /// (the action links are the point of these mails), tags are dropped, entities decoded.
    /// </summary>
    public static string ToPlainText(string html)
    {
        var text = LinkPattern().Replace(html, m =>
        {
            var label = m.Groups["label"].Value;
            var href = m.Groups["href"].Value;
            return string.Equals(StripTags(label).Trim(), href, StringComparison.Ordinal) ? href : $"{label} [{href}]";
        });
        text = BreakPattern().Replace(text, m => m.Value.StartsWith("</p", StringComparison.OrdinalIgnoreCase) ? "\n\n" : "\n");
        text = StripTags(text);
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(l => SpacePattern().Replace(l, " ").Trim());
        return BlankLinesPattern().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    private static string StripTags(string html) => TagPattern().Replace(html, "");

    [GeneratedRegex("<a\\b[^>]*?href\\s*=\\s*[\"'](?<href>[^\"']*)[\"'][^>]*>(?<label>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<br\\s*/?>|</p>|</div>|</h[1-6]>|</li>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("[ \\t\\r]+")]
    private static partial Regex SpacePattern();

    [GeneratedRegex("\\n{3,}")]
    private static partial Regex BlankLinesPattern();
}
