using PocketBaseSharp.Server.Mail;

namespace PocketBaseSharp.Server.Tests.Mail;

[TestFixture]
public sealed class MailTemplateTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        [MailTemplate.AppName] = "Acme & Co",
        [MailTemplate.AppUrl] = "http://localhost:8090",
        [MailTemplate.Token] = "abc.def.ghi",
    };

    [Test]
    public void Render_ReplacesPlaceholders_EscapingOnlyTheBody()
    {
        var template = new MailTemplate("Verify your {APP_NAME} email", "<p>{APP_NAME}</p><a href=\"{APP_URL}/_/#/auth/confirm-verification/{TOKEN}\">go</a>");

        var rendered = template.Render(Values);

        Assert.Multiple(() =>
        {
            Assert.That(rendered.Subject, Is.EqualTo("Verify your Acme & Co email"));
            Assert.That(rendered.Body, Is.EqualTo("<p>Acme &amp; Co</p><a href=\"http://localhost:8090/_/#/auth/confirm-verification/abc.def.ghi\">go</a>"));
        });
    }

    [Test]
    public void Render_RecordPlaceholders_UseFieldValuesAndBlankUnknownFields()
    {
        var template = new MailTemplate("Hi {RECORD:name}", "<p>{RECORD:name} {RECORD:verified} {RECORD:missing}|</p>");
        var record = new Dictionary<string, object?> { ["name"] = "<Ann>", ["verified"] = true };

        var rendered = template.Render(Values, record);

        Assert.Multiple(() =>
        {
            Assert.That(rendered.Subject, Is.EqualTo("Hi <Ann>"));
            Assert.That(rendered.Body, Is.EqualTo("<p>&lt;Ann&gt; true |</p>"));
        });
    }

    [Test]
    public void PlainText_KeepsLinkTargetsAndParagraphs()
    {
        var text = MailBodies.ToPlainText("<p>Hello,</p>\n<p>Code: <strong>123</strong></p><p><a href=\"http://a.test/x\">Verify</a></p>");

        Assert.That(text, Is.EqualTo("Hello,\n\nCode: 123\n\nVerify [http://a.test/x]"));
    }
}
