using System.Globalization;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Multi-factor authentication (auth-tokens.md §7): when the collection requires MFA for this
/// record, a first successful method creates an <c>_mfas</c> row and the client must repeat the
/// authentication with a different method and that <c>mfaId</c>.
/// </summary>
public sealed class MfaService(CollectionStore collections, RecordStore store, RecordRules rules, TimeProvider time)
{
    public const string ItemKey = "pbsharp.mfaId";
    public const string CollectionName = "_mfas";

    private static readonly HashSet<string> Methods = ["password", "otp", "oauth2"];

    /// <summary>Completes silently when no (further) factor is needed; otherwise throws.</summary>
    /// <exception cref="MfaRequiredException">First factor done; the client must send a second one.</exception>
    /// <exception cref="ApiException">The presented <c>mfaId</c> is unusable.</exception>
    public async Task CheckAsync(HttpContext http, Record record, string method)
    {
        var c = record.Collection;
        if (!Methods.Contains(method) || !IsEnabled(c) || !await RuleMatchesAsync(http, record, method))
        {
            return;
        }

        var mfas = collections.Find(CollectionName) ?? throw new InvalidOperationException("Missing _mfas collection.");
        var mfaId = MfaIdOf(http);
        if (mfaId.Length == 0)
        {
            throw new MfaRequiredException(await CreateAsync(mfas, record, method));
        }

        var row = await store.FindByIdAsync(mfas, mfaId);
        if (row is null || Expired(row, Duration(c)))
        {
            if (row is not null)
            {
                await DeleteAsync(row);
            }

            throw ApiException.BadRequest("Invalid or expired MFA session.");
        }

        if (row.GetString("recordRef") != record.Id || row.GetString("collectionRef") != c.Id)
        {
            throw ApiException.BadRequest("Invalid MFA session.");
        }

        if (row.GetString("method") == method)
        {
            throw ApiException.BadRequest("A different authentication method is required.");
        }

        await DeleteAsync(row);
    }

    /// <summary>Enabled by <c>mfa.enabled</c>; for <c>_superusers</c> enabling OTP forces it on.</summary>
    public static bool IsEnabled(Collection c) =>
        (Json.Bool((c.Options["mfa"] as JsonObject)?["enabled"]) ?? false)
        || (c.IsSuperusers && (Json.Bool((c.Options["otp"] as JsonObject)?["enabled"]) ?? false));

    private static long Duration(Collection c) => (long)(Json.Number((c.Options["mfa"] as JsonObject)?["duration"]) ?? 600);

    /// <summary>The id from <c>?mfaId=</c> or from the JSON body (stashed by the auth route that read it).</summary>
    private static string MfaIdOf(HttpContext http)
    {
        var fromQuery = http.Request.Query["mfaId"].ToString();
        return fromQuery.Length > 0 ? fromQuery : http.Items[ItemKey] as string ?? "";
    }

    private async Task<bool> RuleMatchesAsync(HttpContext http, Record record, string method)
    {
        var rule = Json.String((record.Collection.Options["mfa"] as JsonObject)?["rule"]) ?? "";
        if (rule.Trim().Length == 0)
        {
            return true;
        }

        var info = RecordRules.BuildRequestInfo(http, new RequestAuthState(record, null), null, method) with { IsSuperuser = false };
        return await store.Database.ReadAsync(db => rules.CheckAsync(db, null, record.Collection, record.Id, rule, info));
    }

    private bool Expired(Record row, long durationSeconds) =>
        !DateTimeOffset.TryParseExact(row.GetString("created"), Clock.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
        || created.AddSeconds(durationSeconds) < time.GetUtcNow();

    private Task<string> CreateAsync(Collection mfas, Record record, string method) => store.WriteAsync(async scope =>
    {
        var now = Clock.Now();
        var row = new Record(mfas, new Dictionary<string, object?>
        {
            ["id"] = RandomText.RecordId(), ["collectionRef"] = record.Collection.Id, ["recordRef"] = record.Id,
            ["method"] = method, ["created"] = now, ["updated"] = now,
        });
        await scope.InsertAsync(row);
        return row.Id;
    });

    private Task DeleteAsync(Record row) => store.WriteAsync(async scope =>
    {
        await scope.DeleteAsync(row);
        return 0;
    });
}
