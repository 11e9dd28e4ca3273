using System.Runtime.InteropServices;

namespace PocketBaseSharp.Server.Bench;

/// <summary>What the run ran on, read from /proc, plus the load average as a noise indicator.</summary>
public sealed record MachineInfo(string Cpu, int LogicalCores, double MemoryGiB, string Os, string Runtime, string LoadAverage)
{
    public static MachineInfo Read() => new(
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        Math.Round((FirstKb("/proc/meminfo", "MemTotal") ?? 0) / 1024.0 / 1024.0, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow());

    /// <summary>1, 5 and 15 minute load averages; above the core count means other work competed.</summary>
    public static string LoadAverageNow()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static string? FirstValue(string path, string key)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? FirstKb(string path, string key) =>
        long.TryParse(FirstValue(path, key)?.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb : null;
}
