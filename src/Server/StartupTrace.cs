using System.Diagnostics;

namespace PocketBaseSharp.Server;

/// <summary>
/// Start-up timing for diagnosis: with <c>PBS_STARTUP_TRACE=1</c> each stage prints the wall time
/// since the process started, the process's CPU time and the loaded assembly count to stderr.
/// </summary>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("PBS_STARTUP_TRACE") == "1";

    public static void Mark(string stage)
    {
        if (!Enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var wall = DateTime.Now - process.StartTime;
        Console.Error.WriteLine($"[startup] {wall.TotalMilliseconds,7:F0} ms wall {process.TotalProcessorTime.TotalMilliseconds,7:F0} ms cpu {AppDomain.CurrentDomain.GetAssemblies().Length,4} asm {System.Runtime.JitInfo.GetCompiledMethodCount(),6} jitted {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,5:F0} ms jit  {stage}");
    }
}
