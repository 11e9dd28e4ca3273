using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>
/// A small CRUD mix (getOne, create, update in turn) at a fixed rate from its own HttpClient, on a
/// collection nobody subscribes to, so that its latency can be compared with and without fan-out.
/// Requests are started on schedule whether or not the previous ones finished (an open loop), and
/// each is timed from its own start.
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
        for (var i = 0; i < 20; i++)
        {
            await RequestAsync(i);
        }
    }

    /// <summary>Runs the mix at <paramref name="rate"/> requests/s for <paramref name="duration"/>; returns each request's latency in ms.</summary>
    public async Task<double[]> RunAsync(double rate, TimeSpan duration)
    {
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var requests = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var index = i;
            requests.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await RequestAsync(index);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(requests);
        Array.Sort(latencies);
        return latencies;
    }

    public void Dispose() => _http.Dispose();

    private Task RequestAsync(int index) => (index % 3) switch
    {
        0 => SendAsync(HttpMethod.Get, $"/api/collections/{Collection}/records/{_recordId}", _token, null),
        1 => SendAsync(HttpMethod.Post, $"/api/collections/{Collection}/records", _token, new JsonObject { ["title"] = Title(index) }),
        _ => SendAsync(HttpMethod.Patch, $"/api/collections/{Collection}/records/{_recordId}", _token, new JsonObject { ["title"] = Title(index) }),
    };

    private static string Title(int index) => "probe " + index.ToString(CultureInfo.InvariantCulture);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, string token, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} → {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
