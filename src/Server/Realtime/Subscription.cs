namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// One subscription of a client. <see cref="Key"/> is the string exactly as the client sent it and
/// is also the SSE event name of its messages; <see cref="Topic"/> is the part before the first
/// <c>?</c>, which decides what the subscription receives.
/// </summary>
public sealed record Subscription(string Key, string Topic, SubscriptionOptions Options);
