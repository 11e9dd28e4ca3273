using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Who may receive a change of one collection's record: the subscriber groups and the topic rule
/// of each (open, closed, or a compiled check). It depends only on the connected clients, their
/// auth and subscriptions, and the collection, which change far less often than records do, so
/// it is kept between changes while none of those changed (<see cref="IsCurrent"/>): a fan-out to
/// 10,000 subscribers then neither regroups them nor looks up 10,000 checks, and the same check
/// list lets <see cref="CheckSession"/> reuse its batch parameter.
/// </summary>
internal sealed class FanOutPlan
{
    private readonly object _clients;
    private readonly long _version;
    private readonly Collection _collection;

    private FanOutPlan(object clients, long version, Collection collection, List<SubscriberGroup> groups, bool[] open, int[] pending, CompiledCheck[] checks, bool reusable)
    {
        _clients = clients;
        _version = version;
        _collection = collection;
        Groups = groups;
        Open = open;
        Pending = pending;
        Checks = checks;
        Reusable = reusable;
    }

    public List<SubscriberGroup> Groups { get; }

    /// <summary>Per group: passes without a check (superuser, or an empty rule).</summary>
    public bool[] Open { get; }

    /// <summary>The groups that need <see cref="Checks"/>, in the same order.</summary>
    public int[] Pending { get; }

    public CompiledCheck[] Checks { get; }

    /// <summary>False when the plan depends on the record (an id topic) or on the time (date macros in the rule).</summary>
    public bool Reusable { get; }

    public bool IsCurrent(IReadOnlyCollection<RealtimeClient> clients, long version, Collection collection) =>
        Reusable && ReferenceEquals(_clients, clients) && _version == version && ReferenceEquals(_collection, collection);

    /// <param name="version"><see cref="RealtimeClient.StateVersion"/> read before <paramref name="clients"/> is walked.</param>
    public static FanOutPlan Build(RecordChange change, IReadOnlyCollection<RealtimeClient> clients, long version, RealtimeAccess access)
    {
        var collection = change.Collection;
        var (groups, idTopics) = Group(change, clients);
        var open = new bool[groups.Count];
        var pending = new List<int>(groups.Count);
        var checks = new List<CompiledCheck>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var rule = group.Kind == TopicKind.Record ? collection.ViewRule : collection.ListRule;
            if (group.Auth?.IsSuperuser == true || rule is { } r && r.Trim().Length == 0)
            {
                open[i] = true;
            }
            else if (rule is not null && access.Compile(collection, rule, group.Auth, group.Options, FilterAccess.Rule) is { } check)
            {
                pending.Add(i);
                checks.Add(check);
            }
        }

        // Date macros (@now, …) are bound when compiling, so such checks hold only for this event.
        var timeDependent = checks.Count > 0 && (UsesDateMacros(collection.ListRule) || UsesDateMacros(collection.ViewRule));
        return new FanOutPlan(clients, version, collection, groups, open, [.. pending], [.. checks], !idTopics && !timeDependent);
    }

    private static bool UsesDateMacros(string? rule) => rule is not null && RealtimeAccess.UsesDateMacros(rule);

    /// <summary>The groups of the subscriptions matching the change; and whether any subscription names one record of the collection.</summary>
    private static (List<SubscriberGroup> Groups, bool IdTopics) Group(RecordChange change, IReadOnlyCollection<RealtimeClient> clients)
    {
        var collection = change.Collection;
        Dictionary<(TopicKind, string, string, string, string, string), SubscriberGroup>? byKey = null;
        List<SubscriberGroup>? groups = null;
        var idTopics = false;
        var remaining = clients.Count;
        foreach (var client in clients)
        {
            remaining--;
            var subscriptions = client.Subscriptions;
            if (subscriptions.IsDefaultOrEmpty || client.IsClosed)
            {
                continue;
            }

            var auth = client.Auth;
            foreach (var subscription in subscriptions)
            {
                idTopics |= TopicMatcher.NamesRecord(subscription.Topic, collection.Name, collection.Id);
                if (TopicMatcher.Match(subscription.Topic, collection.Name, collection.Id, change.Record.Id) is not { } kind)
                {
                    continue;
                }

                // Created at the first match (a change nobody listens to allocates nothing), sized
                // for one group per remaining client (the common case: every subscriber has its own
                // auth), so a fan-out does not also allocate the growth steps of these collections.
                byKey ??= new(remaining + 1);
                groups ??= new(remaining + 1);
                var key = (kind, auth?.CollectionId ?? "", auth?.RecordId ?? "", auth?.Updated ?? "", auth?.TokenKey ?? "", subscription.Options.Fingerprint);
                if (byKey.TryGetValue(key, out var group))
                {
                    (group.More ??= []).Add((client, subscription.Key));
                }
                else
                {
                    group = new SubscriberGroup(kind, auth, subscription.Options, client, subscription.Key);
                    byKey[key] = group;
                    groups.Add(group);
                }
            }
        }

        return (groups ?? [], idTopics);
    }
}
