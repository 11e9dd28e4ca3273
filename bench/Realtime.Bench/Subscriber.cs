using System.Diagnostics;
using System.Net.Http.Json;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>
/// One SSE client: connects, subscribes to <c>posts/*</c> with its own user's token and records,
/// for each create event, the time it arrived (as <see cref="Stopwatch"/> ticks by sequence number).
/// </summary>
public sealed class Subscriber(HttpClient http, string token)
{
    private readonly Dictionary<long, long> _arrivals = [];
    private const string TitleKey = "\"title\":\"";

    private readonly Lock _lock = new();

    public int Received { get { lock (_lock) { return _arrivals.Keys.Count(k => k >= 0); } } }

    public bool Disconnected { get; private set; }

    public IReadOnlyDictionary<long, long> Arrivals { get { lock (_lock) { return new Dictionary<long, long>(_arrivals); } } }

    /// <summary>Connects and subscribes; the returned task completes once subscribed, reading goes on in the background.</summary>
    public async Task<Task> StartAsync(CancellationToken stop)
    {
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/realtime"), HttpCompletionOption.ResponseHeadersRead, stop);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        var clientId = "";
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                clientId = line[3..];
            }
            else if (line.Length == 0 && clientId.Length > 0)
            {
                break;
            }
        }

        using var subscribe = new HttpRequestMessage(HttpMethod.Post, "/api/realtime")
        {
            Content = JsonContent.Create(new { clientId, subscriptions = new[] { "posts/*" } }),
        };
        subscribe.Headers.TryAddWithoutValidation("Authorization", token);
        using (var result = await http.SendAsync(subscribe, stop))
        {
            result.EnsureSuccessStatusCode();
        }

        return ReadAsync(response, reader, stop);
    }

    private async Task ReadAsync(HttpResponseMessage response, StreamReader reader, CancellationToken stop)
    {
        try
        {
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                // A cheap scan instead of a JSON parse: the bench shares two cores with the server.
                var now = Stopwatch.GetTimestamp();
                var at = line.IndexOf(TitleKey, StringComparison.Ordinal);
                var end = at < 0 ? -1 : line.IndexOf('"', at + TitleKey.Length);
                if (end > 0 && long.TryParse(line.AsSpan(at + TitleKey.Length, end - at - TitleKey.Length), out var sequence))
                {
                    lock (_lock)
                    {
                        _arrivals.TryAdd(sequence, now);
                    }
                }
            }

            Disconnected = true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            Disconnected = !stop.IsCancellationRequested;
        }
        finally
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
