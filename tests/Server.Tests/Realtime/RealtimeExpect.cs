using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>Reading the next realtime message of a connection and checking its framing.</summary>
public static class RealtimeExpect
{
    /// <summary>The next message must be named <paramref name="name"/>; returns its data.</summary>
    public static async Task<JsonNode> NextAsync(this RealtimeConnection connection, string name, CancellationToken cancellationToken)
    {
        var message = await connection.Reader.NextAsync(cancellationToken);
        Assert.That(message, Is.Not.Null, "the stream ended");
        Assert.That(message!.Name, Is.EqualTo(name), message.Raw);
        Assert.That(message.Id, Is.EqualTo(connection.ClientId));
        Assert.That(message.Raw, Is.EqualTo($"id:{connection.ClientId}\nevent:{name}\ndata:{message.Data}\n\n"));
        return JsonNode.Parse(message.Data)!;
    }

    public static async Task<JsonNode> NextRecordAsync(this RealtimeConnection connection, string name, string action, CancellationToken cancellationToken)
    {
        var data = await connection.NextAsync(name, cancellationToken);
        Assert.That(data["action"]!.GetValue<string>(), Is.EqualTo(action), data.ToJsonString());
        return data["record"]!;
    }
}
