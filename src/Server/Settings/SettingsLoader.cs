namespace PocketBaseSharp.Server.Settings;

/// <summary>Loads the stored settings once before the server accepts requests.</summary>
public sealed class SettingsLoader(SettingsService settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => settings.LoadAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
