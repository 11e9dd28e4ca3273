using System.Globalization;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>Command line: <c>--subscribers N --rate EVENTS_PER_S --seconds S --server PATH_TO_DLL [--hold S] [--crud-rate REQUESTS_PER_S] [--server-env NAME=VALUE,NAME=VALUE]</c>.
/// <c>--hold</c> keeps the connections idle that long before any write; <c>--crud-rate 0</c> turns the
/// CRUD mix off; <c>--server-env</c> sets environment variables of the server process only (e.g. GC
/// settings for an A/B run).</summary>
public sealed record BenchOptions(int Subscribers, double Rate, int Seconds, string ServerDll, int HoldSeconds, double CrudRate, string ServerEnv)
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
            Path.GetFullPath(Get("server", "src/Server/bin/Release/net10.0/PocketBaseSharp.Server.dll")),
            int.Parse(Get("hold", "0"), CultureInfo.InvariantCulture),
            double.Parse(Get("crud-rate", "50"), CultureInfo.InvariantCulture),
            Get("server-env", ""));
    }
}
