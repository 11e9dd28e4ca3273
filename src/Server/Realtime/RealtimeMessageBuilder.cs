using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Turns one record change into the messages of every matching subscription: access check with
/// the subscriber's auth (list rule for <c>C/*</c>, view rule for <c>C/ID</c>, then the options'
/// filter), serialisation as the REST API shows the record to that subscriber, then expand and
/// fields. Subscribers with the same topic kind, auth and options form one group that is checked
/// and serialised once.
/// </summary>
public sealed class RealtimeMessageBuilder(RealtimeAccess access, RecordExpander expander)
{
    // The last plan of each collection (by id) per clients snapshot; used by the dispatcher and, for
    // deletes, by writers. Keyed weakly by the snapshot, so plans (which reference every client of
    // it) are dropped with the snapshot instead of keeping disconnected clients alive.
    private readonly ConditionalWeakTable<IReadOnlyCollection<RealtimeClient>, ConcurrentDictionary<string, FanOutPlan>> _plans = new();

    public async Task<List<(RealtimeClient Client, RealtimeMessage Message)>> BuildAsync(
        CheckSession session, RecordChange change, IReadOnlyCollection<RealtimeClient> clients)
    {
        var plan = PlanFor(change, clients);
        var groups = plan.Groups;
        if (groups.Count == 0)
        {
            return [];
        }

        var allowed = await CheckRulesAsync(session, change, plan);
        var payloads = new Dictionary<PayloadKey, ReadOnlyMemory<byte>>();
        // Members with the same topic key and payload share one message object.
        var shared = new Dictionary<string, RealtimeMessage>(StringComparer.Ordinal);
        var messages = new List<(RealtimeClient, RealtimeMessage)>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            if (!allowed[i] || await BuildGroupAsync(session, change, groups[i], payloads) is not { } data)
            {
                continue;
            }

            var group = groups[i];
            messages.Add((group.First, Message(group.FirstKey, data, shared)));
            // (No `More ?? []`: that is a new empty list per group and event.)
            if (group.More is { } more)
            {
                foreach (var (client, key) in more)
                {
                    messages.Add((client, Message(key, data, shared)));
                }
            }
        }

        return messages;
    }

    private FanOutPlan PlanFor(RecordChange change, IReadOnlyCollection<RealtimeClient> clients)
    {
        // Read before the clients are walked: a change made while building makes the plan stale at once.
        var version = RealtimeClient.StateVersion;
        var collection = change.Collection;
        var plans = _plans.GetValue(clients, static _ => new ConcurrentDictionary<string, FanOutPlan>(StringComparer.Ordinal));
        if (plans.TryGetValue(collection.Id, out var cached) && cached.IsCurrent(clients, version, collection))
        {
            return cached;
        }

        var plan = FanOutPlan.Build(change, clients, version, access);
        if (plan.Reusable)
        {
            plans[collection.Id] = plan;
        }

        return plan;
    }

    private static RealtimeMessage Message(string key, ReadOnlyMemory<byte> data, Dictionary<string, RealtimeMessage> shared)
    {
        if (!shared.TryGetValue(key, out var message) || !message.Data.Equals(data))
        {
            message = new RealtimeMessage(key, data);
            shared[key] = message;
        }

        return message;
    }

    /// <summary>The topic rule of every group, with all expression checks run as one batch.</summary>
    private static async Task<bool[]> CheckRulesAsync(CheckSession session, RecordChange change, FanOutPlan plan)
    {
        var allowed = (bool[])plan.Open.Clone();
        var passed = await session.PassAllAsync(plan.Checks, change.Record.Id);
        for (var j = 0; j < plan.Pending.Length; j++)
        {
            allowed[plan.Pending[j]] = passed[j];
        }

        return allowed;
    }

    /// <summary>The options' filter, then the record as this group may see it; null when filtered out.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> BuildGroupAsync(
        CheckSession session, RecordChange change, SubscriberGroup group, Dictionary<PayloadKey, ReadOnlyMemory<byte>> payloads)
    {
        var collection = change.Collection;
        var auth = group.Auth;
        var options = group.Options;
        var superuser = auth?.IsSuperuser == true;
        if (options.Filter is { } filter)
        {
            if (!superuser && (filter.Contains("@collection.", StringComparison.Ordinal) || filter.Contains("@request.", StringComparison.Ordinal)))
            {
                return null;
            }

            var filterAccess = superuser ? FilterAccess.SuperuserFilter : FilterAccess.ClientFilter;
            if (!await PassesAsync(session, collection, filter, change.Record.Id, auth, options, filterAccess))
            {
                return null;
            }
        }

        var showEmail = collection.IsAuth && !superuser && collection.ManageRule is { } manage
            && await PassesAsync(session, collection, manage, change.Record.Id, auth, options, FilterAccess.Rule);

        // The same record JSON serves every group that sees the same fields; expansions are
        // filtered by each subscriber's rules, so those are only shared within one auth.
        var payloadKey = options.Expand is null
            ? new PayloadKey(superuser, showEmail, IsSelf(auth, change.Record), options.Fields ?? "", "", "", "", "")
            : new PayloadKey(superuser, showEmail, IsSelf(auth, change.Record), options.Fields ?? "", options.Expand, auth?.RecordId ?? "", auth?.Updated ?? "", auth?.TokenKey ?? "");
        if (!payloads.TryGetValue(payloadKey, out var payload))
        {
            payload = await SerializeAsync(session, change, auth, options, showEmail);
            payloads[payloadKey] = payload;
        }

        return payload;
    }

    private async ValueTask<bool> PassesAsync(
        CheckSession session, Collection collection, string? expression, string recordId, RealtimeAuth? auth, SubscriptionOptions options, FilterAccess filterAccess)
    {
        if (expression is null)
        {
            return false;
        }

        if (expression.Trim().Length == 0)
        {
            return true;
        }

        return access.Compile(collection, expression, auth, options, filterAccess) is { } check && await session.PassesAsync(check, recordId);
    }

    private async Task<ReadOnlyMemory<byte>> SerializeAsync(CheckSession session, RecordChange change, RealtimeAuth? auth, SubscriptionOptions options, bool showEmail)
    {
        var state = auth?.State ?? Auth.RequestAuthState.Guest;
        JsonNode record;
        if (options.Expand is { } expand)
        {
            try
            {
                var request = RealtimeAccess.RequestFor(auth, options);
                record = (await expander.SerializeAsync(session.Connection, null, [change.Record], expand, state, request, showEmail))[0];
            }
            catch (ApiException)
            {
                // Upstream ignores expand errors in realtime messages.
                record = RecordSerializer.ToJson(change.Record, state, showEmail);
            }
        }
        else
        {
            record = RecordSerializer.ToJson(change.Record, state, showEmail);
        }

        if (options.Fields is { } fields)
        {
            record = FieldsPicker.Apply(record, fields) ?? record;
        }

        var message = new JsonObject { ["action"] = change.Action, ["record"] = record };
        return Encoding.UTF8.GetBytes(message.ToJsonString(JsonOutput.Options));
    }

    private static bool IsSelf(RealtimeAuth? auth, Record record) => auth is not null && auth.Is(record);

    /// <summary>What makes two groups' record JSON differ; expansions are per auth record.</summary>
    private readonly record struct PayloadKey(bool Superuser, bool ShowEmail, bool Self, string Fields, string Expand, string AuthRecordId, string AuthUpdated, string AuthTokenKey);
}
