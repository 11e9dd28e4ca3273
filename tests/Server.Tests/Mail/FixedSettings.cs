using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Tests.Mail;

/// <summary>An <see cref="ISettingsSource"/> holding one settings object the test can change.</summary>
public sealed class FixedSettings(AppSettings settings) : ISettingsSource
{
    public AppSettings Current { get; set; } = settings;
}
