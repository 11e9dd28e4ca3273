using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// One-time passwords in <c>_otps</c>: a random numeric code of <c>otp.length</c> digits stored as a
/// bcrypt hash (cost 8), valid for <c>otp.duration</c> seconds. Used by <c>request-otp</c> and the
/// <c>superuser otp</c> command.
/// </summary>
public sealed class OtpCodes(CollectionStore collections, RecordStore store)
{
    public const string CollectionName = "_otps";

    /// <summary>A new code for <paramref name="record"/>; null id reuse when 10 unexpired ones already exist.</summary>
    /// <returns>The OTP id and the plain code (null when the newest existing OTP was reused instead).</returns>
    public async Task<(string OtpId, string? Code)> CreateAsync(Record record, string sentTo)
    {
        var c = record.Collection;
        var otps = Otps;
        var (length, duration) = SettingsOf(c);
        var code = RandomNumberGenerator.GetString("0123456789", Math.Clamp(length, 1, 255));

        var recentSql = $"SELECT * FROM {TableSchema.Quote(otps.Name)} WHERE `collectionRef` = @c AND `recordRef` = @r AND `created` > @since ORDER BY `created` DESC";
        Dictionary<string, object?> RecentParameters() =>
            new() { ["c"] = c.Id, ["r"] = record.Id, ["since"] = Clock.ToText(DateTimeOffset.UtcNow.AddSeconds(-duration)) };

        // Hashed before the transaction, so the single writer never waits for bcrypt, unless the
        // newest code will be reused anyway (a flood: no hash at all, as before).
        var flooded = (await store.Database.ReadAsync(db => RecordStore.QueryAsync(db, null, otps, recentSql, RecentParameters()))).Count > 9;
        var prehashed = flooded ? null : await Passwords.HashAsync(code, 8);
        return await store.WriteAsync<(string, string?)>(async scope =>
        {
            // Upstream reuses the newest code once 10 unexpired ones exist, to stop mailbox flooding.
            var recent = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, otps, recentSql, RecentParameters());
            if (recent.Count > 9)
            {
                return (recent[0].Id, null);
            }

            var now = Clock.Now();
            var row = new Record(otps, new Dictionary<string, object?>
            {
                ["id"] = RandomText.RecordId(), ["collectionRef"] = c.Id, ["recordRef"] = record.Id,
                ["password"] = prehashed ?? Passwords.Hash(code, 8), ["sentTo"] = sentTo, ["created"] = now, ["updated"] = now,
            });
            await scope.InsertAsync(row);
            return (row.Id, code);
        });
    }

    public Task<Record?> FindAsync(string otpId) => store.FindByIdAsync(Otps, otpId);

    public Task DeleteAsync(Record otp) => store.WriteAsync(async scope =>
    {
        await scope.DeleteAsync(otp);
        return 0;
    });

    public static bool IsEnabled(Collection c) => Json.Bool((c.Options["otp"] as JsonObject)?["enabled"]) ?? false;

    public static (int Length, long Duration) SettingsOf(Collection c)
    {
        var otp = c.Options["otp"] as JsonObject;
        return ((int)(Json.Number(otp?["length"]) ?? 8), (long)(Json.Number(otp?["duration"]) ?? 180));
    }

    public static bool Expired(Record otp, Collection c) =>
        !DateTimeOffset.TryParseExact(otp.GetString("created"), Clock.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
        || created.AddSeconds(SettingsOf(c).Duration) < DateTimeOffset.UtcNow;

    private Collection Otps => collections.Find(CollectionName) ?? throw new InvalidOperationException("Missing _otps collection.");
}
