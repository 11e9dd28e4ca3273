using System.Collections.Concurrent;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Compiles the rules and filters realtime checks with, through the same <see cref="RecordRules"/>
/// as the REST API. A compiled check depends only on the collection, the expression, the
/// subscriber's auth and the subscription's options, so it is cached under exactly those and
/// reused for every event and every subscriber sharing them. A rule that uses only the auth id
/// is compiled once per auth collection instead (<see cref="CheckTemplate"/>): each subscriber's
/// check is then made from the template, not cached (fan-out plans keep them between events).
/// </summary>
public sealed class RealtimeAccess(RecordRules rules)
{
    // Bounded by clearing: entries are cheap to rebuild, and stale ones (old collection or auth
    // states) must not accumulate forever.
    private const int MaxCachedChecks = 100_000;

    // Keyed by a struct of references rather than a joined string: a fan-out looks up one check per
    // subscriber for every event, and 10,000 key strings per event were megabytes of garbage.
    private readonly ConcurrentDictionary<CheckKey, CompiledCheck?> _compiled = new();

    // Rules whose only use of the auth record is its id: one compile per auth collection serves
    // every subscriber of it (null: the rule cannot be compiled that way).
    private readonly ConcurrentDictionary<TemplateKey, CheckTemplate?> _templates = new();

    // Subscribers that differ only by auth compile to the same SQL text with other parameter
    // values: one string instance serves them all (10,000 subscribers, one copy).
    private readonly ConcurrentDictionary<string, string> _sqlTexts = new(StringComparer.Ordinal);

    /// <summary>The request a subscription's checks run as: its auth, method GET, context realtime, its options.</summary>
    public static RequestInfo RequestFor(RealtimeAuth? auth, SubscriptionOptions options) =>
        RecordRules.BuildRequestInfo(null, auth?.State ?? Auth.RequestAuthState.Guest, context: "realtime") with
        {
            Query = options.Query,
            Headers = options.Headers,
        };

    /// <summary>The compiled check, or null when the expression does not compile (which denies access).</summary>
    public CompiledCheck? Compile(Collection collection, string expression, RealtimeAuth? auth, SubscriptionOptions options, FilterAccess access)
    {
        // Date macros (@now, @todayStart, …) are bound when compiling: such checks are compiled afresh.
        if (UsesDateMacros(expression))
        {
            return CompileNew(collection, expression, RequestFor(auth, options), access);
        }

        if (auth is { IsSuperuser: false } && UsesOnlyAuthId(expression)
            && TemplateFor(collection, expression, auth, options, access) is { } template)
        {
            return template.For(auth.RecordId);
        }

        var key = new CheckKey(collection.Id, collection.Name, collection.Updated, expression, access,
            auth?.CollectionId ?? "", auth?.RecordId ?? "", auth?.Updated ?? "", auth?.TokenKey ?? "", options.Fingerprint);
        if (_compiled.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_compiled.Count >= MaxCachedChecks)
        {
            _compiled.Clear();
            _sqlTexts.Clear();
            _templates.Clear();
        }

        return _compiled[key] = CompileNew(collection, expression, RequestFor(auth, options), access);
    }

    /// <summary>True when the expression has an <c>@</c> that is not <c>@request.</c> or <c>@collection.</c> (over-approximates, which is safe).</summary>
    public static bool UsesDateMacros(string expression)
    {
        for (var at = expression.IndexOf('@', StringComparison.Ordinal); at >= 0; at = expression.IndexOf('@', at + 1))
        {
            var rest = expression.AsSpan(at + 1);
            if (!rest.StartsWith("request.", StringComparison.Ordinal) && !rest.StartsWith("collection.", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when every <c>@request.auth.</c> in the expression is <c>@request.auth.id</c> used as a
    /// plain value (no further path, no modifier). Over-approximates towards false, which is safe.
    /// </summary>
    public static bool UsesOnlyAuthId(string expression)
    {
        const string Auth = "@request.auth.";
        for (var at = expression.IndexOf(Auth, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(Auth, at + 1, StringComparison.Ordinal))
        {
            var rest = expression.AsSpan(at + Auth.Length);
            if (!rest.StartsWith("id", StringComparison.Ordinal) || (rest.Length > 2 && (char.IsLetterOrDigit(rest[2]) || rest[2] is '_' or '.' or ':')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The rule compiled once for <paramref name="auth"/>'s collection with a stand-in id, and
    /// again with another: when both give the same SQL and differ only in parameters that are
    /// exactly the stand-in, a subscriber's check is that SQL with its own id in those parameters.
    /// 10,000 subscribers, each with their own user, then cost two compiles instead of 10,000.
    /// </summary>
    private CheckTemplate? TemplateFor(Collection collection, string expression, RealtimeAuth auth, SubscriptionOptions options, FilterAccess access)
    {
        var key = new TemplateKey(collection.Id, collection.Name, collection.Updated, expression, access, auth.CollectionId, options.Fingerprint);
        if (_templates.TryGetValue(key, out var cached))
        {
            return cached;
        }

        const string First = "\u0001pbs-auth-id-1\u0001";
        const string Second = "\u0001pbs-auth-id-2\u0001";
        var first = CompileNew(collection, expression, StandInRequest(First, auth, options), access);
        var second = CompileNew(collection, expression, StandInRequest(Second, auth, options), access);
        return _templates[key] = CheckTemplate.From(first, second, First, Second);
    }

    private static RequestInfo StandInRequest(string id, RealtimeAuth auth, SubscriptionOptions options) =>
        RequestFor(null, options) with
        {
            Auth = new RequestAuth(id, auth.CollectionId, auth.Record.Collection.Name, new Dictionary<string, object?> { ["id"] = id }),
        };

    private CompiledCheck? CompileNew(Collection collection, string expression, RequestInfo request, FilterAccess access)
    {
        var ctx = new SqlQueryContext(collection.Name);
        string where;
        try
        {
            where = rules.Compile(expression, collection, request, ctx, access);
        }
        catch (ApiException)
        {
            return null;
        }

        var idParameter = ctx.AddParameter("");
        var table = TableSchema.Quote(collection.Name);
        var sql = $"SELECT 1 FROM {table} {RecordRules.Joins(ctx)} WHERE {table}.`id` = @{idParameter} AND ({where}) LIMIT 1";
        return new CompiledCheck(_sqlTexts.GetOrAdd(sql, sql), [.. ctx.Parameters], idParameter);
    }

    private readonly record struct TemplateKey(
        string CollectionId, string CollectionName, string CollectionUpdated, string Expression, FilterAccess Access,
        string AuthCollectionId, string Options);

    private readonly record struct CheckKey(
        string CollectionId, string CollectionName, string CollectionUpdated, string Expression, FilterAccess Access,
        string AuthCollectionId, string AuthRecordId, string AuthUpdated, string AuthTokenKey, string Options);
}
