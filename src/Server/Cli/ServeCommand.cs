using PocketBaseSharp.Server.Backups;

namespace PocketBaseSharp.Server.Cli;

/// <summary>
/// <c>serve</c>: starts the HTTP server and prints upstream's banner and installer hint. A backup
/// restore asks for a restart (<see cref="HostRestart"/>): the host is stopped and disposed, the
/// pending step runs with every database closed, and a new host starts on the same address.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ServerOptions options, string[] args)
    {
        while (true)
        {
            Action? pending;
            await using (var app = await ServerHost.BuildAsync(options, args))
            {
                try
                {
                    await app.StartAsync();
                }
                catch (Exception e) when (e is Microsoft.AspNetCore.Connections.AddressInUseException || e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
                {
                    // Upstream (Go) prints the listen error and exits 1; an unhandled exception here aborts the process.
                    await Console.Error.WriteLineAsync($"Error: listen tcp {options.Http}: bind: address already in use");
                    return 1;
                }

                StartupTrace.Mark("serve: started");
                await PrintBannerAsync(app, options);
                await app.WaitForShutdownAsync();
                pending = app.Services.GetService<HostRestart>()?.TakePending();
            }

            if (pending is null)
            {
                return 0;
            }

            pending();
        }
    }

    private static async Task PrintBannerAsync(WebApplication app, ServerOptions options)
    {
        var url = "http://" + options.Http;
        Console.WriteLine($"{DateTime.Now:yyyy/MM/dd HH:mm:ss} Server started at {url}");
        Console.WriteLine($"├─ REST API:  {url}/api/");
        Console.WriteLine($"└─ Dashboard: {url}/_/");
        var installer = await Installer.LinkAsync(app.Services, url);
        StartupTrace.Mark("serve: installer link");
        if (installer is not null)
        {
            Console.WriteLine();
            Console.WriteLine("(!) Launch the URL below in the browser if it hasn't been open already to create your first superuser account:");
            Console.WriteLine(installer);
            Console.WriteLine("(you can also create your first superuser by running: dotnet run --project src/Server -- superuser upsert EMAIL PASS)");
        }
    }
}
