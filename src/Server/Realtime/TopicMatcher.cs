namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Whether a subscription receives a change of one record. The collection may be named by name or
/// id, compared case-sensitively; the bare collection is the SDK 0.19 form of <c>COLLECTION/*</c>.
/// Comparing the topic (the part before <c>?</c>) for equality is the same test as upstream's
/// "<c>S + "?"</c> starts with <c>P</c>", since names and ids never contain <c>?</c>.
/// </summary>
public static class TopicMatcher
{
    public static TopicKind? Match(string topic, string collectionName, string collectionId, string recordId)
    {
        var slash = topic.IndexOf('/', StringComparison.Ordinal);
        var collection = slash < 0 ? topic.AsSpan() : topic.AsSpan(0, slash);
        if (!collection.SequenceEqual(collectionName) && !collection.SequenceEqual(collectionId))
        {
            return null;
        }

        if (slash < 0)
        {
            return TopicKind.Collection;
        }

        var rest = topic.AsSpan(slash + 1);
        if (rest.SequenceEqual("*"))
        {
            return TopicKind.Collection;
        }

        return rest.SequenceEqual(recordId) ? TopicKind.Record : null;
    }

    /// <summary>True when the topic is <c>COLLECTION/RECORD_ID</c> of this collection (for any record).</summary>
    public static bool NamesRecord(string topic, string collectionName, string collectionId)
    {
        var slash = topic.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var collection = topic.AsSpan(0, slash);
        return (collection.SequenceEqual(collectionName) || collection.SequenceEqual(collectionId)) && !topic.AsSpan(slash + 1).SequenceEqual("*");
    }
}
