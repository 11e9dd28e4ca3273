using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Logs;

/// <summary>Logs are written in the background, so tests poll the logs API until an entry shows up.</summary>
public static class LogWaiter
{
    public static async Task<JsonObject> WaitForAsync(ApiClient api, string token, string filter)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var items = await ListAsync(api, token, filter);
            if (items.Count > 0)
            {
                return items[0]!.AsObject();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No log entry matched " + filter);
            }

            await Task.Delay(100);
        }
    }

    public static async Task<JsonArray> ListAsync(ApiClient api, string token, string filter)
    {
        var response = await api.GetAsync("/api/logs?sort=-created&filter=" + Uri.EscapeDataString(filter), token);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["items"]!.AsArray();
    }

    /// <summary>A request that fails with a unique url, then waits for its entry: everything logged before it is written too.</summary>
    public static async Task<JsonObject> MarkAsync(ApiClient api, string token)
    {
        var url = "/api/collections/marker_" + Guid.NewGuid().ToString("N") + "/records";
        Assert.That((await api.GetAsync(url)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        return await WaitForAsync(api, token, $"data.url = '{url}'");
    }
}
