using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// The real server as its own process (the build beside the tests), on a free 127.0.0.1 port with
/// a temporary data dir and a superuser; extra environment variables configure it (e.g. realtime timeouts).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string SuperuserEmail = "root@example.com";
    public const string SuperuserPassword = "root-password-1";

    private readonly Process _process;
    private readonly string _dataDir;

    private ServerProcess(Process process, string dataDir, Uri address)
    {
        _process = process;
        _dataDir = dataDir;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("pbs-realtime-").FullName;
        using (var upsert = Start(environment, "superuser", "upsert", SuperuserEmail, SuperuserPassword, "--dir", dataDir))
        {
            await upsert.WaitForExitAsync();
            Assert.That(upsert.ExitCode, Is.Zero, "superuser upsert");
        }

        var port = FreePort();
        var server = new ServerProcess(Start(environment, "serve", "--http", $"127.0.0.1:{port}", "--dir", dataDir), dataDir, new Uri($"http://127.0.0.1:{port}"));
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
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleanup.
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        for (var i = 0; i < 300 && !_process.HasExited; i++)
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

        throw new InvalidOperationException("The server did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PocketBaseSharp.Server.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) TestContext.Progress.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
