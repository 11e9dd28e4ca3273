using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>
/// The real server as a child process (<c>dotnet PocketBaseSharp.Server.dll serve</c>) on a free
/// loopback port with its own data directory.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private Process? _process;

    private readonly IReadOnlyList<string> _extraArgs;

    private ServerProcess(string dataDir, int port, IReadOnlyList<string> extraArgs)
    {
        DataDir = dataDir;
        Port = port;
        _extraArgs = extraArgs;
    }

    public string DataDir { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// An open connection to the server's data.db beside it, as a sqlite3 shell would have: for
    /// reading what the server stored, or changing it behind the server's back.
    /// </summary>
    public SqliteConnection OpenDatabase(bool readOnly = true)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDir, "data.db"),
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        db.Open();
        return db;
    }

    public static string ServerDll
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "PocketBaseSharp.Server.dll");
            return File.Exists(Path.Combine(AppContext.BaseDirectory, "PocketBaseSharp.Server.runtimeconfig.json"))
                ? local
                : throw new FileNotFoundException("The server build output was not copied next to the tests.", local);
        }
    }

    /// <summary>Creates a data dir (or uses <paramref name="dataDir"/>), optionally a superuser, and starts serving.</summary>
    public static async Task<ServerProcess> StartAsync(string? dataDir = null, string? superuserEmail = "admin@example.com", string superuserPassword = "1234567890", IReadOnlyList<string>? extraArgs = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "pbs-test-" + Guid.NewGuid().ToString("N"));
        if (superuserEmail is not null)
        {
            var (code, output) = await RunCliAsync(["superuser", "upsert", superuserEmail, superuserPassword, "--dir", dataDir]);
            if (code != 0)
            {
                throw new InvalidOperationException("superuser upsert failed: " + output);
            }
        }

        var server = new ServerProcess(dataDir, FreePort(), extraArgs ?? []);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        _process = Process.Start(StartInfo(["serve", "--http", $"127.0.0.1:{Port}", "--dir", DataDir, .. _extraArgs]))
            ?? throw new InvalidOperationException("Could not start the server.");
        _process.OutputDataReceived += (_, e) => Output.Add(e.Data ?? "");
        _process.ErrorDataReceived += (_, e) => Output.Add(e.Data ?? "");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("Server exited: " + string.Join("\n", Output));
            }

            try
            {
                var response = await http.GetAsync("/api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Server did not become healthy: " + string.Join("\n", Output));
    }

    public System.Collections.Concurrent.ConcurrentBag<string> Output { get; } = [];

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind is harmless.
        }
    }

    public static async Task<(int Code, string Output)> RunCliAsync(IReadOnlyList<string> args)
    {
        using var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("Could not start the CLI.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
