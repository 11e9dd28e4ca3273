namespace PocketBaseSharp.Server.Settings;

/// <summary>The settings in force now; consumers read it on every use so a PATCH applies at once.</summary>
public interface ISettingsSource
{
    AppSettings Current { get; }
}
