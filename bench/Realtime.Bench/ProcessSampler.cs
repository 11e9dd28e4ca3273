using System.Globalization;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>CPU time and resident memory of a process, read from /proc (Linux).</summary>
public sealed class ProcessSampler(int pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    public long PeakRssBytes { get; private set; }

    /// <summary>User + system CPU seconds used by the process so far.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }

    public long SampleRss()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                PeakRssBytes = Math.Max(PeakRssBytes, kb * 1024);
                return kb * 1024;
            }
        }

        return 0;
    }
}
