namespace PocketBaseSharp.Server.Realtime;

/// <summary>Which rule a matching subscription is checked against.</summary>
public enum TopicKind
{
    /// <summary><c>COLLECTION/*</c> or the bare <c>COLLECTION</c>: the list rule.</summary>
    Collection,

    /// <summary><c>COLLECTION/RECORD_ID</c>: the view rule.</summary>
    Record,
}
