using System.Globalization;
using PocketBaseSharp.Server.Bench;

// `ceiling --port N` hosts the bare Kestrel ceiling (a child of the benchmark run); anything else is a run.
if (args.Length > 0 && args[0] == "ceiling")
{
    return await CeilingServer.RunAsync(int.Parse(args[2], CultureInfo.InvariantCulture));
}

try
{
    return await BenchRun.RunAsync(BenchOptions.Parse(args));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: bench/run.sh [--quick] [--tiers cal,a,b,d] [--seconds N] [--machine-state TEXT]");
    return 2;
}
