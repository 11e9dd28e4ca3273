using System.Diagnostics;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// A server child process on loopback. The start is timed from process creation to the first 200
/// of its health route, which is Tier D's cold start.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string baseUrl, TimeSpan coldStart)
    {
        _process = process;
        BaseUrl = baseUrl;
        ColdStart = coldStart;
    }

    public string BaseUrl { get; }

    public TimeSpan ColdStart { get; }

    public int Pid => _process.Id;

    /// <summary>Starts PocketBaseSharp's <c>serve</c> on a data dir.</summary>
    public static Task<ServerProcess> StartPocketBaseAsync(string serverDll, string dataDir, int port) =>
        StartAsync([serverDll, "serve", "--http", $"127.0.0.1:{port}", "--dir", dataDir], port, "/api/health", null);

    /// <summary>Starts the bare Kestrel ceiling: this assembly with <c>ceiling</c>, Server GC like the real server.</summary>
    public static Task<ServerProcess> StartCeilingAsync(int port) =>
        StartAsync([typeof(ServerProcess).Assembly.Location, "ceiling", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], port, "/api/health", ("DOTNET_gcServer", "1"));

    private static async Task<ServerProcess> StartAsync(string[] args, int port, string healthPath, (string Name, string Value)? env)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (env is { } e)
        {
            info.Environment[e.Name] = e.Value;
        }

        var baseUrl = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        // Drain output so a chatty child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, l) => { if (l.Data is not null) { Console.Error.WriteLine($"  [server] {l.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"server exited with {process.ExitCode} before answering");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + healthPath);
                request.Headers.ConnectionClose = true;
                using var response = await probe.SendAsync(request);
                if ((int)response.StatusCode == 200)
                {
                    return new ServerProcess(process, baseUrl, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(2);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("server did not answer its health route within 60 s");
    }

    public double RssMiB() => ProcessMemory.RssMiB(Pid);

    public double PeakRssMiB() => ProcessMemory.PeakRssMiB(Pid);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
