using System.Net;
using System.Net.Sockets;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Tests.Mail;

[TestFixture]
[CancelAfter(30_000)]
public sealed class SmtpMailSenderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static AppSettings SettingsFor(int port, string username = "", string? password = null, string authMethod = "") => new()
    {
        Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = port, Username = username, Password = password, AuthMethod = authMethod },
        Meta = new MetaSettings { SenderName = "Acme Support", SenderAddress = "support@acme.test" },
    };

    [Test]
    public async Task Send_ThroughSink_ArrivesWithSenderSubjectAndBothBodies()
    {
        await using var sink = new SmtpSink();
        var sender = new SmtpMailSender(new FixedSettings(SettingsFor(sink.Port)));

        await sender.SendAsync(new MailMessage("alice@example.com", "Hello Alice", "<p>Open <a href=\"http://x.test/a/TOKEN1\">this link</a>.</p>"));

        var mail = await sink.WaitForToAsync("alice@example.com", Wait);
        Assert.Multiple(() =>
        {
            Assert.That(mail.EnvelopeFrom, Is.EqualTo("support@acme.test"));
            Assert.That(mail.Message.Subject, Is.EqualTo("Hello Alice"));
            Assert.That(mail.Message.From.ToString(), Does.Contain("Acme Support"));
            Assert.That(mail.Html, Does.Contain("http://x.test/a/TOKEN1"));
            Assert.That(mail.Text, Does.Contain("this link [http://x.test/a/TOKEN1]"));
            Assert.That(mail.AuthUser, Is.Null);
        });
    }

    [TestCase("", "plainuser")]
    [TestCase("PLAIN", "plainuser")]
    [TestCase("LOGIN", "loginuser")]
    public async Task Send_WithCredentials_AuthenticatesWithTheConfiguredMechanism(string method, string user)
    {
        await using var sink = new SmtpSink();
        var sender = new SmtpMailSender(new FixedSettings(SettingsFor(sink.Port, user, "secret", method)));

        await sender.SendAsync(new MailMessage("bob@example.com", "s", "<p>b</p>"));

        var mail = await sink.WaitForToAsync("bob@example.com", Wait);
        Assert.That(mail.AuthUser, Is.EqualTo(user));
    }

    [Test]
    public void Send_SmtpDisabled_Throws()
    {
        var settings = SettingsFor(25);
        settings.Smtp.Enabled = false;
        var sender = new SmtpMailSender(new FixedSettings(settings));

        Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(new MailMessage("a@example.com", "s", "b")));
    }

    [Test]
    public void Send_NothingListening_ThrowsMailSendException()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sender = new SmtpMailSender(new FixedSettings(SettingsFor(port)));

        Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(new MailMessage("a@example.com", "s", "b")));
    }

    [Test]
    public async Task Send_MalformedRecipient_ThrowsMailSendException()
    {
        await using var sink = new SmtpSink();
        var sender = new SmtpMailSender(new FixedSettings(SettingsFor(sink.Port)));

        Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(new MailMessage("not an address <<", "s", "b")));
    }

    [Test]
    public async Task WaitFor_NoMatchingMail_TimesOut()
    {
        await using var sink = new SmtpSink();

        Assert.ThrowsAsync<TimeoutException>(() => sink.WaitForToAsync("nobody@example.com", TimeSpan.FromMilliseconds(200)));
    }
}
