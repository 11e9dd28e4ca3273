using BenchmarkDotNet.Running;

// Example: dotnet run -c Release --project bench/RuleEngine.Bench -- --job short --inProcess --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PocketBaseSharp.RuleEngine.Bench.RuleBenchmarks).Assembly).Run(args);
