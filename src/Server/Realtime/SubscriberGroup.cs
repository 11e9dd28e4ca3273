namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Subscriptions that share topic kind, auth and options: one check and one payload serve them
/// all. The first member is held inline, as most groups have exactly one.
/// </summary>
internal sealed class SubscriberGroup(TopicKind kind, RealtimeAuth? auth, SubscriptionOptions options, RealtimeClient first, string firstKey)
{
    public TopicKind Kind { get; } = kind;

    public RealtimeAuth? Auth { get; } = auth;

    public SubscriptionOptions Options { get; } = options;

    public RealtimeClient First { get; } = first;

    public string FirstKey { get; } = firstKey;

    public List<(RealtimeClient Client, string Key)>? More { get; set; }
}
