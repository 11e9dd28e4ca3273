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
/// triggers the <c>authAlert</c> email. At most five origins are kept per record.
/// </summary>
public sealed class LoginAlerts(CollectionStore collections, RecordStore store, AuthMails mails, BackgroundMail background, ISettingsSource settings)
{
    public const string CollectionName = "_authOrigins";
    public const int MaxOrigins = 5;

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

        var isNewOrigin = await store.WriteAsync(async scope =>
        {
            var known = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, origins,
                $"SELECT * FROM {TableSchema.Quote(origins.Name)} WHERE `collectionRef` = @c AND `recordRef` = @r ORDER BY `updated` DESC",
                new Dictionary<string, object?> { ["c"] = c.Id, ["r"] = record.Id });
            var now = Clock.Now();
            var same = known.Find(o => o.GetString("fingerprint") == fingerprint);
            if (same is not null)
            {
                same.Values["updated"] = now;
                await scope.UpdateAsync(same);
                return false;
            }

            await scope.InsertAsync(new Record(origins, new Dictionary<string, object?>
            {
                ["id"] = RandomText.RecordId(), ["collectionRef"] = c.Id, ["recordRef"] = record.Id,
                ["fingerprint"] = fingerprint, ["created"] = now, ["updated"] = now,
            }));
            foreach (var old in known.Skip(MaxOrigins - 1))
            {
                await scope.DeleteAsync(old);
            }

            // The very first origin is the account's home, not a "new location".
            return known.Count > 0;
        });

        if (isNewOrigin && record.GetString("email").Length > 0)
        {
            var info = $"{Clock.Now()} - {ip} {agent}";
            background.Run("login alert", () => mails.SendLoginAlertAsync(record, info));
        }
    }
}
