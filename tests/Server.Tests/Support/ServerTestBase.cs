namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>One real server per test class, with a superuser token ready.</summary>
[NonParallelizable]
public abstract class ServerTestBase
{
    protected ServerProcess Server { get; private set; } = null!;

    protected ApiClient Api { get; private set; } = null!;

    protected string SuperuserToken { get; private set; } = "";

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Server = await ServerProcess.StartAsync();
        Api = new ApiClient(Server.BaseUri);
        SuperuserToken = await Api.LoginAsync("_superusers", "admin@example.com", "1234567890");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
    }
}
