using System.Diagnostics;
using System.Globalization;
using PocketBaseSharp.Realtime.Bench;

// N subscribers on posts/* (list rule @request.auth.id != '', one user each), one writer creating
// posts at a fixed rate; reports delivery latency, lost events, server CPU and memory. A separate
// client runs a small CRUD mix (getOne, create, update on a collection nobody subscribes to) at
// --crud-rate requests/s, once before the writes (idle) and once during them (fan-out).
var options = BenchOptions.Parse(args);
const string superuserEmail = "bench@example.com";
const string superuserPassword = "bench-superuser-1";

await using var server = await ServerProcess.StartAsync(options.ServerDll, superuserEmail, superuserPassword, options.ServerEnv);
var sampler = new ProcessSampler(server.Pid);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
})
{ BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
var api = new BenchApi(http);

var setup = Stopwatch.StartNew();
var superuser = await api.LoginAsync("_superusers", superuserEmail, superuserPassword);
await api.CreatePostsCollectionAsync(superuser);
await api.MakePasswordsCheapAsync(superuser);
var tokens = new string[options.Subscribers];
await Parallel.ForAsync(0, options.Subscribers, new ParallelOptions { MaxDegreeOfParallelism = 8 },
    async (i, _) => tokens[i] = await api.CreateUserAsync(i));
Console.WriteLine($"setup: {options.Subscribers} users in {setup.Elapsed.TotalSeconds:F1} s");

using var stop = new CancellationTokenSource();
var subscribers = tokens.Select(t => new Subscriber(http, t)).ToArray();
var readers = new Task[subscribers.Length];
await Parallel.ForAsync(0, subscribers.Length, new ParallelOptions { MaxDegreeOfParallelism = 32 },
    async (i, _) => readers[i] = await subscribers[i].StartAsync(stop.Token));
Console.WriteLine($"subscribed: {subscribers.Length} clients after {setup.Elapsed.TotalSeconds:F1} s, server RSS {sampler.SampleRss() >> 20} MB");
if (options.HoldSeconds > 0)
{
    // Connections idle for a while before any write: for looking at the server (pid printed) at rest.
    Console.WriteLine($"holding {options.HoldSeconds} s; server pid {server.Pid}");
    await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
    Console.WriteLine($"after hold: server RSS {sampler.SampleRss() >> 20} MB");
}

using var crud = new CrudProbe(server.Address, tokens[^1]);
if (options.CrudRate > 0)
{
    await crud.PrepareAsync(superuser);
}

// Warm-up at the same rate, not measured: the first events compile and prepare every
// subscriber's check and JIT the fan-out path.
var warmup = (int)Math.Ceiling(options.Rate * 3);
for (var i = 0; i < warmup; i++)
{
    await api.CreatePostAsync(tokens[0], -1 - i);
    await Task.Delay(TimeSpan.FromSeconds(1 / options.Rate));
}

await Task.Delay(1000);
var crudIdle = options.CrudRate > 0 ? await crud.RunAsync(options.CrudRate, TimeSpan.FromSeconds(options.Seconds)) : [];
using var rssTimer = new Timer(_ => sampler.SampleRss(), null, 0, 250);
var total = (int)Math.Round(options.Rate * options.Seconds);
var sent = new long[total];
var writes = new List<Task>(total);
var writeMs = new double[total];
var cpuBefore = sampler.CpuSeconds();
var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var crudBusyTask = options.CrudRate > 0 ? crud.RunAsync(options.CrudRate, TimeSpan.FromSeconds(options.Seconds)) : Task.FromResult<double[]>([]);
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds(i / options.Rate) - clock.Elapsed;
    if (due > TimeSpan.Zero)
    {
        await Task.Delay(due);
    }

    sent[i] = Stopwatch.GetTimestamp();
    var index = i;
    writes.Add(Task.Run(async () =>
    {
        await api.CreatePostAsync(tokens[0], index);
        writeMs[index] = Stopwatch.GetElapsedTime(sent[index]).TotalMilliseconds;
    }));
}

await Task.WhenAll(writes);
var crudBusy = await crudBusyTask;
var expected = (long)total * subscribers.Length;
var deadline = Stopwatch.StartNew();
while (subscribers.Sum(s => (long)s.Received) < expected && deadline.Elapsed < TimeSpan.FromSeconds(15))
{
    await Task.Delay(100);
}

var wall = clock.Elapsed.TotalSeconds;
var cpu = sampler.CpuSeconds() - cpuBefore;
var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds;
var latencies = new List<double>((int)Math.Min(expected, int.MaxValue));
foreach (var subscriber in subscribers)
{
    foreach (var (sequence, arrived) in subscriber.Arrivals)
    {
        if (sequence >= 0)
        {
            latencies.Add(Stopwatch.GetElapsedTime(sent[sequence], arrived).TotalMilliseconds);
        }
    }
}

latencies.Sort();

// Per event: when its first and its last subscriber got it, which separates server stalls
// (every subscriber late) from fan-out time (the spread between first and last).
var perEvent = new List<(double First, double Last)>();
for (var sequence = 0; sequence < total; sequence++)
{
    var arrivals = subscribers.Select(s => s.Arrivals.TryGetValue(sequence, out var t) ? t : 0).Where(t => t != 0).ToList();
    if (arrivals.Count > 0)
    {
        perEvent.Add((Stopwatch.GetElapsedTime(sent[sequence], arrivals.Min()).TotalMilliseconds, Stopwatch.GetElapsedTime(sent[sequence], arrivals.Max()).TotalMilliseconds));
    }
}

double EventPercentile(IEnumerable<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"bench client CPU {100 * benchCpu / wall:F0} %; write request: p50 {EventPercentile(writeMs, 0.5):F1} ms p99 {EventPercentile(writeMs, 0.99):F1} ms; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"per event: first subscriber p50 {EventPercentile(perEvent.Select(e => e.First), 0.5):F1} ms p99 {EventPercentile(perEvent.Select(e => e.First), 0.99):F1} ms; last subscriber p50 {EventPercentile(perEvent.Select(e => e.Last), 0.5):F1} ms p99 {EventPercentile(perEvent.Select(e => e.Last), 0.99):F1} ms"));
static double Sorted(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
var crudRatio = Sorted(crudBusy, 0.99) / Sorted(crudIdle, 0.99);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CRUD mix at {options.CrudRate:0.#}/s: idle {crudIdle.Length} requests p50 {Sorted(crudIdle, 0.5):F1} ms p99 {Sorted(crudIdle, 0.99):F1} ms; during fan-out {crudBusy.Length} requests p50 {Sorted(crudBusy, 0.5):F1} ms p99 {Sorted(crudBusy, 0.99):F1} ms; p99 ratio {crudRatio:F2}"));
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
var lost = expected - latencies.Count;
var dropped = subscribers.Count(s => s.Disconnected);
var row = string.Create(CultureInfo.InvariantCulture,
    $"| {subscribers.Length} | {options.Rate:0.#}/s × {options.Seconds} s | {total} | {Percentile(0.5):F1} ms | {Percentile(0.99):F1} ms | {(latencies.Count > 0 ? latencies[^1] : double.NaN):F1} ms | {lost} | {dropped} | {100 * cpu / wall:F0} % | {sampler.PeakRssBytes >> 20} MB | {Sorted(crudIdle, 0.5):F1} / {Sorted(crudIdle, 0.99):F1} ms | {Sorted(crudBusy, 0.5):F1} / {Sorted(crudBusy, 0.99):F1} ms | {crudRatio:F2}× |");
Console.WriteLine("| subscribers | writes | events | p50 | p99 | max | lost | disconnected | server CPU | server peak RSS | CRUD p50 / p99 idle | CRUD p50 / p99 during fan-out | CRUD p99 ratio |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
Console.WriteLine(row);
await stop.CancelAsync();
await Task.WhenAll(readers);
return lost == 0 ? 0 : 1;
