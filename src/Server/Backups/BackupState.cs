namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// The one backup or restore that may run at a time (upstream's <c>@activeBackup</c> store key):
/// its name blocks deleting that file, and its presence makes the health check's
/// <c>canBackup</c> false and refuses a second backup/restore.
/// </summary>
public sealed class BackupState
{
    private readonly Lock _gate = new();
    private string? _active;

    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _active is not null;
            }
        }
    }

    public string? ActiveName
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>Claims the slot for <paramref name="name"/>; false when another operation holds it.</summary>
    public bool TryBegin(string name)
    {
        lock (_gate)
        {
            if (_active is not null)
            {
                return false;
            }

            _active = name;
            return true;
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _active = null;
        }
    }
}
