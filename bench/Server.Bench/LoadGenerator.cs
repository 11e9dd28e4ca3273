using System.Collections.Concurrent;
using System.Diagnostics;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Runs one request delegate many times at a fixed concurrency, either a fixed count (upstream's
/// errgroup with SetLimit) or for a fixed duration after a warm-up (steady state). Every loop is
/// bounded in count and in wall time: at the bound no new request starts, and the ones in flight
/// finish (each bounded by the client's 120 s timeout) so the server is idle again before the next
/// scenario and the elapsed time covers every counted request.
/// </summary>
public static class LoadGenerator
{
    /// <summary>Sends <paramref name="count"/> requests with at most <paramref name="concurrency"/> in flight.</summary>
    public static Task<ScenarioResult> RunCountAsync(string tier, string id, string name, int count, int concurrency, TimeSpan timeLimit, Func<int, CancellationToken, Task<int>> send) =>
        RunAsync(tier, id, name, concurrency, count, TimeSpan.Zero, timeLimit, send);

    /// <summary>Sends requests for <paramref name="duration"/> after an unmeasured <paramref name="warmup"/>, at most <paramref name="maxRequests"/>.</summary>
    public static Task<ScenarioResult> RunForAsync(string tier, string id, string name, int concurrency, TimeSpan warmup, TimeSpan duration, long maxRequests, Func<int, CancellationToken, Task<int>> send) =>
        RunAsync(tier, id, name, concurrency, maxRequests, warmup, duration, send);

    private static async Task<ScenarioResult> RunAsync(string tier, string id, string name, int concurrency, long maxRequests, TimeSpan warmup, TimeSpan measured, Func<int, CancellationToken, Task<int>> send)
    {
        if (warmup > TimeSpan.Zero)
        {
            await LoopAsync(concurrency, long.MaxValue, warmup, send, new ConcurrentBag<List<long>>(), new ConcurrentDictionary<string, long>());
        }

        var samples = new ConcurrentBag<List<long>>();
        var errors = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        await LoopAsync(concurrency, maxRequests, measured, send, samples, errors);
        clock.Stop();
        var all = samples.SelectMany(s => s).ToList();
        var errorCount = errors.Values.Sum();
        return new ScenarioResult
        {
            Tier = tier,
            Id = id,
            Name = name,
            Concurrency = concurrency,
            Requests = all.Count,
            Errors = errorCount,
            ErrorKinds = new Dictionary<string, long>(errors),
            ElapsedMs = clock.Elapsed.TotalMilliseconds,
            Latency = LatencyStats.From(all),
        };
    }

    private static async Task LoopAsync(int concurrency, long maxRequests, TimeSpan limit, Func<int, CancellationToken, Task<int>> send, ConcurrentBag<List<long>> samples, ConcurrentDictionary<string, long> errors)
    {
        using var stop = new CancellationTokenSource(limit);
        long issued = -1;
        var workers = new Task[(int)Math.Max(1, Math.Min(concurrency, maxRequests))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var mine = new List<long>();
                samples.Add(mine);
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n >= maxRequests)
                    {
                        break;
                    }

                    var start = Stopwatch.GetTimestamp();
                    string? error;
                    try
                    {
                        var status = await send((int)(n % int.MaxValue), CancellationToken.None);
                        error = status is >= 200 and < 300 ? null : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    catch (Exception ex)
                    {
                        error = (ex.InnerException ?? ex).GetType().Name;
                    }

                    mine.Add(Stopwatch.GetTimestamp() - start);
                    if (error is not null)
                    {
                        errors.AddOrUpdate(error, 1, (_, v) => v + 1);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
    }
}
