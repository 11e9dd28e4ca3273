using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Mail;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Login alerts and <c>_authOrigins</c> (auth-tokens.md §8): each successful sign-in by an auth
/// method records the client's fingerprint; a fingerprint new to a record that already had origins
/// triggers the <c>authAlert</c> email (awaited up to 15 s). At most five origins are kept per record.
/// </summary>
public sealed class LoginAlerts(CollectionStore collections, RecordStore store, AuthMails mails, ISettingsSource settings, ILogger<LoginAlerts> logger)
{
    public const string CollectionName = "_authOrigins";
    public const int MaxOrigins = 5;
    public static readonly TimeSpan AlertWait = TimeSpan.FromSeconds(15);

    public async Task TrackAsync(HttpContext http, Record record)
    {
        var c = record.Collection;
        if (!(Json.Bool((c.Options["authAlert"] as JsonObject)?["enabled"]) ?? false) || collections.Find(CollectionName) is not { } origins)
        {
            return;
        }

        var ip = ClientIp.Of(http, settings.Current.TrustedProxy);
        var agent = http.Request.Headers.UserAgent.ToString();
        agent = agent.Length > 200 ? agent[..200] : agent;
        var fingerprint = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(ip + agent)));

        var known = await store.Database.ReadAsync(db => RecordStore.QueryAsync(db, null, origins,
            $"SELECT * FROM {TableSchema.Quote(origins.Name)} WHERE `collectionRef` = @c AND `recordRef` = @r ORDER BY `updated` DESC",
            new Dictionary<string, object?> { ["c"] = c.Id, ["r"] = record.Id }));
        var same = known.Find(o => o.GetString("fingerprint") == fingerprint);

        // The very first origin is the account's home, not a "new location". As upstream, a failed
        // alert (waited for at most 15 s) leaves the origin unrecorded so the next sign-in retries it.
        if (same is null && known.Count > 0 && record.GetString("email").Length > 0
            && !await TrySendAlertAsync(record, $"{Clock.Now()} - {ip} {agent}"))
        {
            return;
        }

        await store.WriteAsync(async scope =>
        {
            var now = Clock.Now();
            if (same is not null)
            {
                same.Values["updated"] = now;
                await scope.UpdateAsync(same);
                return 0;
            }

            foreach (var old in known.Skip(MaxOrigins - 1))
            {
                await scope.DeleteAsync(old);
            }

            await scope.InsertAsync(new Record(origins, new Dictionary<string, object?>
            {
                ["id"] = RandomText.RecordId(), ["collectionRef"] = c.Id, ["recordRef"] = record.Id,
                ["fingerprint"] = fingerprint, ["created"] = now, ["updated"] = now,
            }));
            return 0;
        });
    }

    private async Task<bool> TrySendAlertAsync(Record record, string info)
    {
        var send = mails.SendLoginAlertAsync(record, info);
        if (await Task.WhenAny(send, Task.Delay(AlertWait)) != send)
        {
            logger.LogWarning("Login alert mail for {RecordId} not sent within {Wait}", record.Id, AlertWait);
            return false;
        }

        try
        {
            await send;
            return true;
        }
        catch (Exception e) when (e is MailSendException or OperationCanceledException)
        {
            logger.LogWarning(e, "Failed to send the login alert for {RecordId}", record.Id);
            return false;
        }
    }
}
