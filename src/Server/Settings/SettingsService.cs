using System.Text.Json;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Settings;

/// <summary>
/// The settings in force, cached in memory (mail, rate limits and OAuth2 read them on every request)
/// and persisted through <see cref="SettingsStore"/> in <c>_params</c>. A PATCH is merged,
/// validated and only then saved.
/// </summary>
public sealed class SettingsService(SettingsStore store) : ISettingsSource
{
    private volatile AppSettings _current = new();

    public AppSettings Current => _current;

    /// <summary>Raised after the settings in force were loaded or replaced (the auto-backup job follows <c>backups.cron</c>).</summary>
    public event Action? Changed;

    public async Task LoadAsync()
    {
        _current = await store.LoadAsync();
        Changed?.Invoke();
    }

    public async Task<AppSettings> PatchAsync(JsonObject patch)
    {
        AppSettings merged;
        try
        {
            merged = SettingsJson.Merge(_current, patch);
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest("An error occurred while loading the submitted data.");
        }

        var errors = SettingsValidator.Validate(merged);
        if (errors.Count > 0)
        {
            throw ApiException.BadRequest("An error occurred while saving the new settings.", errors);
        }

        await store.SaveAsync(merged);
        _current = merged;
        Changed?.Invoke();
        return merged;
    }
}
