namespace PocketBaseSharp.Server.Api;

/// <summary>
/// The accept queue length. Kestrel's default (512) overflows when a thousand clients connect at
/// once, and the kernel then drops SYNs that are retried only after a second; Go's listener, and so
/// upstream, asks for the system maximum (<c>net.core.somaxconn</c>), and so do we.
/// </summary>
public static class ListenBacklog
{
    private const int Fallback = 4096;

    public static int Value()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/core/somaxconn").Trim();
            return int.TryParse(text, out var max) && max > 0 ? Math.Min(max, 65535) : Fallback;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fallback;
        }
    }
}
