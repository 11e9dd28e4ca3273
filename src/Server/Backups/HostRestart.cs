namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// .NET cannot replace its own process image as upstream does with <c>exec</c>, so a restart is a
/// request to <c>ServeCommand</c>: the host stops gracefully (closing every SQLite connection), the
/// command runs the pending step (the pb_data swap of a restore) and builds a new host on the same
/// address.
/// </summary>
public sealed class HostRestart(IHostApplicationLifetime lifetime)
{
    private Action? _pending;

    /// <summary>Stops the host; <paramref name="afterStop"/> runs once it is disposed, before the next host starts.</summary>
    public void Request(Action afterStop)
    {
        Interlocked.Exchange(ref _pending, afterStop);
        lifetime.StopApplication();
    }

    /// <summary>The step to run before restarting, or null when the host stopped for good.</summary>
    public Action? TakePending() => Interlocked.Exchange(ref _pending, null);
}
