using System.Globalization;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>Command line: <c>--subscribers N --rate EVENTS_PER_S --seconds S --server PATH_TO_DLL</c>.</summary>
public sealed record BenchOptions(int Subscribers, double Rate, int Seconds, string ServerDll)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);
        return new BenchOptions(
            int.Parse(Get("subscribers", "1000"), CultureInfo.InvariantCulture),
            double.Parse(Get("rate", "20"), CultureInfo.InvariantCulture),
            int.Parse(Get("seconds", "30"), CultureInfo.InvariantCulture),
            Path.GetFullPath(Get("server", "src/Server/bin/Release/net10.0/PocketBaseSharp.Server.dll")));
    }
}
