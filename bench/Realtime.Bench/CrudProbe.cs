using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>
/// A small CRUD mix (getOne, create, update in turn) at a fixed rate from its own HttpClient, on a
/// collection nobody subscribes to, so that its latency can be compared with and without fan-out.
/// </summary>
public sealed class CrudProbe : IDisposable
{
    private const string Collection = "crud";
    private readonly HttpClient _http;
    private readonly string _token;
    private string _recordId = "";

    public CrudProbe(Uri address, string token)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _token = token;
    }

    /// <summary>Creates the collection (same rule as posts) and the record read and updated by the mix.</summary>
    public async Task PrepareAsync(string superuser)
    {
        const string rule = "@request.auth.id != ''";
        await SendAsync(HttpMethod.Post, "/api/collections", superuser, new JsonObject
        {
            ["name"] = Collection,
            ["type"] = "base",
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "title", ["type"] = "text" }),
            ["listRule"] = rule,
            ["viewRule"] = rule,
            ["createRule"] = rule,
            ["updateRule"] = rule,
        });
        var created = await SendAsync(HttpMethod.Post, $"/api/collections/{Collection}/records", _token, new JsonObject { ["title"] = "probe" });
        _recordId = created!["id"]!.GetValue<string>();
        // Not measured: JIT and first-use costs of the three routes.
        await Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                Request(i);
            }
        });
    }

    /// <summary>
    /// Runs the mix at <paramref name="rate"/> requests/s for <paramref name="duration"/> and returns
    /// each request's latency in ms, sorted. The requests are sent one at a time with the synchronous
    /// HttpClient API from a dedicated thread, so that they never wait in this process's thread-pool
    /// queue behind the thousands of subscriber reads: what is measured is the server's answer time
    /// (a request due while the previous one is still running starts as soon as it ends).
    /// </summary>
    public Task<double[]> RunAsync(double rate, TimeSpan duration)
    {
        var done = new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Run(rate, duration));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "crud-probe" };
        thread.Start();
        return done.Task;
    }

    private double[] Run(double rate, TimeSpan duration)
    {
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                Thread.Sleep(due);
            }

            var started = Stopwatch.GetTimestamp();
            Request(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    public void Dispose() => _http.Dispose();

    private JsonNode? Request(int index) => (index % 3) switch
    {
        0 => Send(HttpMethod.Get, $"/api/collections/{Collection}/records/{_recordId}", _token, null),
        1 => Send(HttpMethod.Post, $"/api/collections/{Collection}/records", _token, new JsonObject { ["title"] = Title(index) }),
        _ => Send(HttpMethod.Patch, $"/api/collections/{Collection}/records/{_recordId}", _token, new JsonObject { ["title"] = Title(index) }),
    };

    private static string Title(int index) => "probe " + index.ToString(CultureInfo.InvariantCulture);

    private Task<JsonNode?> SendAsync(HttpMethod method, string path, string token, JsonObject? body) =>
        Task.Run(() => Send(method, path, token, body));

    private JsonNode? Send(HttpMethod method, string path, string token, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        using var response = _http.Send(request);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        var text = reader.ReadToEnd();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} → {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
