using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>The server under test: its own process on a free loopback port with a temporary data dir.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string dataDir, Uri address)
    {
        _process = process;
        DataDir = dataDir;
        Address = address;
    }

    public string DataDir { get; }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string serverDll, string superuserEmail, string superuserPassword, string environment = "")
    {
        var dataDir = Directory.CreateTempSubdirectory("pbs-bench-").FullName;
        await RunToEndAsync(serverDll, "superuser", "upsert", superuserEmail, superuserPassword, "--dir", dataDir);
        var port = FreePort();
        var process = Start(serverDll, environment, "serve", "--http", $"127.0.0.1:{port}", "--dir", dataDir);
        var server = new ServerProcess(process, dataDir, new Uri($"http://127.0.0.1:{port}"));
        // A bench stopped from outside (SIGTERM, Ctrl-C) must not leave its server running with
        // thousands of connections' worth of memory: such orphans skewed later measurements.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.KillQuietly();
        Console.CancelKeyPress += (_, _) => server.KillQuietly();
        await server.WaitHealthyAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The server did not become healthy.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(string serverDll, string environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var pair in environment.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            info.Environment[pair[..at]] = pair[(at + 1)..];
        }

        info.ArgumentList.Add(serverDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        // Drain the pipes so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunToEndAsync(string serverDll, params string[] args)
    {
        using var process = Start(serverDll, "", args);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"server {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }
}
