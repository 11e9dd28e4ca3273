using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Data;

[CancelAfter(120_000)]
public sealed class CliTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "pbs-cli-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    public async Task Serve_OnABusyAddress_ExitsWithUpstreamsError()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var address = "127.0.0.1:" + ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

        var (code, output) = await ServerProcess.RunCliAsync(["serve", "--http", address, "--dir", _dir]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain($"Error: listen tcp {address}: bind: address already in use"));
            Assert.That(output, Does.Not.Contain("Unhandled exception"));
        });
    }

    [Test]
    public async Task HelpAndVersion()
    {
        var help = await ServerProcess.RunCliAsync(["--help"]);
        var version = await ServerProcess.RunCliAsync(["--version"]);
        Assert.Multiple(() =>
        {
            Assert.That(help.Code, Is.Zero);
            Assert.That(help.Output, Does.Contain("serve").And.Contain("superuser").And.Contain("--dir"));
            Assert.That(version.Output, Does.Contain("version"));
        });
    }

    [Test]
    public async Task Superuser_CreateUpsertUpdateDelete()
    {
        var create = await ServerProcess.RunCliAsync(["superuser", "create", "a@example.com", "1234567890", "--dir", _dir]);
        var duplicate = await ServerProcess.RunCliAsync(["superuser", "create", "a@example.com", "1234567890", "--dir", _dir]);
        var shortPassword = await ServerProcess.RunCliAsync(["superuser", "create", "b@example.com", "123", "--dir", _dir]);
        var badEmail = await ServerProcess.RunCliAsync(["superuser", "upsert", "not-an-email", "1234567890", "--dir", _dir]);
        var upsert = await ServerProcess.RunCliAsync(["superuser", "upsert", "b@example.com", "1234567890", "--dir", _dir]);
        var update = await ServerProcess.RunCliAsync(["superuser", "update", "b@example.com", "0987654321", "--dir", _dir]);
        var delete = await ServerProcess.RunCliAsync(["superuser", "delete", "a@example.com", "--dir", _dir]);
        var deleteLast = await ServerProcess.RunCliAsync(["superuser", "delete", "b@example.com", "--dir", _dir]);
        Assert.Multiple(() =>
        {
            Assert.That(create.Code, Is.Zero, create.Output);
            Assert.That(duplicate.Code, Is.Not.Zero);
            Assert.That(shortPassword.Code, Is.Not.Zero);
            Assert.That(badEmail.Output, Does.Contain("missing or invalid email address"));
            Assert.That(upsert.Output, Does.Contain("Successfully saved superuser \"b@example.com\"!"));
            Assert.That(update.Code, Is.Zero, update.Output);
            Assert.That(delete.Code, Is.Zero, delete.Output);
            Assert.That(deleteLast.Code, Is.Not.Zero, "the last superuser cannot be deleted");
        });
    }

    [Test]
    public async Task Serve_WithoutSuperuser_PrintsInstallerLink_WhoseTokenCreatesTheFirstSuperuser()
    {
        await using var server = await ServerProcess.StartAsync(_dir, superuserEmail: null);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? line = null;
        while (line is null && DateTime.UtcNow < deadline)
        {
            line = server.Output.FirstOrDefault(l => l.Contains("/_/#/pbinstall/", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.That(line, Is.Not.Null, string.Join("\n", server.Output));
        var token = line![(line.IndexOf("pbinstall/", StringComparison.Ordinal) + 10)..].Trim();
        using var api = new ApiClient(server.BaseUri);
        var create = await api.PostAsync("/api/collections/_superusers/records", new { email = "first@example.com", password = "1234567890", passwordConfirm = "1234567890" }, token);
        Assert.That(create.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), create.Text);
        var superuserToken = await api.LoginAsync("_superusers", "first@example.com", "1234567890");
        var list = await api.GetAsync("/api/collections/_superusers/records", superuserToken);
        Assert.That(list.Text, Does.Not.Contain("__pbinstaller"), "saving a real superuser removes the placeholder");
        _dir = server.DataDir;
    }
}
