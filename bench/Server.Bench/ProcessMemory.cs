using System.Globalization;

namespace PocketBaseSharp.Server.Bench;

/// <summary>Reads a process's resident memory from /proc (Linux only; 0 elsewhere).</summary>
public static class ProcessMemory
{
    /// <summary>Current resident set size in MiB.</summary>
    public static double RssMiB(int pid) => ReadKb(pid, "VmRSS:") / 1024.0;

    /// <summary>Peak resident set size since the process started, in MiB.</summary>
    public static double PeakRssMiB(int pid) => ReadKb(pid, "VmHWM:") / 1024.0;

    private static long ReadKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var value = line[key.Length..].Trim().Split(' ')[0];
                    return long.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone: report nothing rather than fail the run.
        }

        return 0;
    }
}
