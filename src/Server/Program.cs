return await PocketBaseSharp.Server.Cli.CliApp.RunAsync(args);
