using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// Removes expired <c>_otps</c> and <c>_mfas</c> rows at startup and then hourly (upstream's
/// <c>__pbOTPCleanup__</c> and <c>__pbMFACleanup__</c> jobs). Expired rows are already refused;
/// this only keeps the tables small.
/// </summary>
public sealed class AuthRowsCleanup(CollectionStore collections, RecordStore store, ILogger<AuthRowsCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Failed to clean up expired OTP/MFA rows");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync()
    {
        var removed = 0;
        foreach (var c in collections.All.Where(c => c.IsAuth))
        {
            removed += await DeleteOlderThanAsync(OtpCodes.CollectionName, c, (long)(Json.Number((c.Options["otp"] as JsonObject)?["duration"]) ?? 180));
            removed += await DeleteOlderThanAsync(MfaService.CollectionName, c, (long)(Json.Number((c.Options["mfa"] as JsonObject)?["duration"]) ?? 600));
        }

        return removed;
    }

    private Task<int> DeleteOlderThanAsync(string table, Collection owner, long seconds)
    {
        if (collections.Find(table) is not { } rows)
        {
            return Task.FromResult(0);
        }

        return store.WriteAsync(async scope =>
        {
            var expired = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, rows,
                $"SELECT * FROM {TableSchema.Quote(rows.Name)} WHERE `collectionRef` = @c AND `created` < @before",
                new Dictionary<string, object?> { ["c"] = owner.Id, ["before"] = Clock.ToText(DateTimeOffset.UtcNow.AddSeconds(-seconds)) });
            foreach (var row in expired)
            {
                await scope.DeleteAsync(row);
            }

            return expired.Count;
        });
    }
}
