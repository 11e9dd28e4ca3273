namespace PocketBaseSharp.Server.Cli;

/// <summary>PocketBase's command line: <c>serve</c>, <c>superuser …</c>, <c>--dir</c>, <c>--help</c>, <c>--version</c>.</summary>
public static class CliApp
{
    public const string Usage = """
        PocketBaseSharp CLI

        Usage:
          pocketbasesharp [command] [flags]

        Available commands:
          serve       Starts the web server (default to 127.0.0.1:8090 if no domain is specified)
          superuser   Manage superusers (create, upsert, update, delete, otp)

        Flags:
              --dir string       the PocketBase data directory (default "pb_data")
              --publicDir string the directory to serve static files (default "pb_public" beside --dir)
              --indexFallback    fallback the request to index.html on missing static path (default true)
          -h, --help             help for pocketbasesharp
          -v, --version          version for pocketbasesharp

        Serve flags:
              --http string      TCP address to listen for the HTTP server (default "127.0.0.1:8090")
              --origins strings  CORS allowed domain origins list (default [*])
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        StartupTrace.Mark("main");
        var cli = CliArgs.Parse(args);
        var command = cli.Positional.Count > 0 ? cli.Positional[0] : "";
        if (cli.Has("version") || cli.Has("v"))
        {
            Console.WriteLine("pocketbasesharp version " + typeof(CliApp).Assembly.GetName().Version?.ToString(3));
            return 0;
        }

        if (cli.Has("help") || cli.Has("h") || command.Length == 0)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var options = OptionsFrom(cli);
        return command switch
        {
            "serve" => await ServeCommand.RunAsync(options, args),
            "superuser" => await SuperuserCommand.RunAsync(options, cli.Positional.Skip(1).ToList()),
            _ => Fail($"unknown command \"{command}\" for \"pocketbasesharp\""),
        };
    }

    private static ServerOptions OptionsFrom(CliArgs cli)
    {
        var dir = Path.GetFullPath(cli.Get("dir", "pb_data"));
        var publicDir = cli.Get("publicDir", Path.Combine(Path.GetDirectoryName(dir) ?? ".", "pb_public"));
        return new ServerOptions
        {
            DataDir = dir,
            Http = cli.Get("http", "127.0.0.1:8090"),
            Origins = [.. cli.Get("origins", "*").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            PublicDir = Path.GetFullPath(publicDir),
            IndexFallback = cli.Get("indexFallback", "true") != "false",
        };
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine("Error: " + message);
        return 1;
    }
}
