namespace PocketBaseSharp.Server.Cli;

/// <summary>
/// The command line split into positional arguments and <c>--flag value</c> / <c>--flag=value</c>
/// pairs. Unknown flags are tolerated, as upstream.
/// </summary>
public sealed class CliArgs
{
    private static readonly HashSet<string> BoolFlags = ["help", "h", "version", "v", "dev", "indexFallback", "automigrate", "hooksWatch"];

    public List<string> Positional { get; } = [];

    public Dictionary<string, string> Flags { get; } = new(StringComparer.Ordinal);

    public static CliArgs Parse(IReadOnlyList<string> args)
    {
        var result = new CliArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                result.Positional.Add(arg);
                continue;
            }

            var name = arg.TrimStart('-');
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                result.Flags[name[..eq]] = name[(eq + 1)..];
            }
            else if (BoolFlags.Contains(name) || i + 1 >= args.Count)
            {
                result.Flags[name] = "true";
            }
            else
            {
                result.Flags[name] = args[++i];
            }
        }

        return result;
    }

    public string Get(string name, string fallback) => Flags.TryGetValue(name, out var v) ? v : fallback;

    public bool Has(string name) => Flags.ContainsKey(name);
}
