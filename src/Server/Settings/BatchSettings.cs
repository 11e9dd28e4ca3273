namespace PocketBaseSharp.Server.Settings;

public sealed class BatchSettings
{
    public bool Enabled { get; set; }

    public int MaxRequests { get; set; } = 50;

    /// <summary>Seconds.</summary>
    public int Timeout { get; set; } = 3;

    /// <summary>Bytes; 0 means the built-in 128 MiB.</summary>
    public long MaxBodySize { get; set; }
}
