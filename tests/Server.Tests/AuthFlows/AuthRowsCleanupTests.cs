using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Tests.AuthFlows.Support;

namespace PocketBaseSharp.Server.Tests.AuthFlows;

/// <summary>Expired <c>_otps</c>/<c>_mfas</c> rows are removed when the server starts (and hourly).</summary>
public sealed class AuthRowsCleanupTests : AuthFlowTestBase
{
    private void Exec(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Server.DataDir, "data.db"), Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long Count(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Server.DataDir, "data.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Test]
    public async Task ExpiredRows_AreGoneAfterARestart_FreshOnesStay()
    {
        await Server.StopAsync();
        var now = DateTime.UtcNow;
        string At(TimeSpan ago) => (now - ago).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Exec($"""
            INSERT INTO _otps (id, collectionRef, recordRef, password, sentTo, created, updated) VALUES
              ('oldotp00000001a', '_pb_users_auth_', 'r1', 'x', '', '{At(TimeSpan.FromHours(2))}', '{At(TimeSpan.FromHours(2))}'),
              ('newotp00000001a', '_pb_users_auth_', 'r1', 'x', '', '{At(TimeSpan.Zero)}', '{At(TimeSpan.Zero)}');
            INSERT INTO _mfas (id, collectionRef, recordRef, method, created, updated) VALUES
              ('oldmfa00000001a', '_pb_users_auth_', 'r1', 'password', '{At(TimeSpan.FromHours(2))}', '{At(TimeSpan.FromHours(2))}'),
              ('newmfa00000001a', '_pb_users_auth_', 'r1', 'password', '{At(TimeSpan.Zero)}', '{At(TimeSpan.Zero)}');
            """);

        await Server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Count("SELECT COUNT(*) FROM _otps WHERE id = 'oldotp00000001a'") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Count("SELECT COUNT(*) FROM _otps WHERE id LIKE '%otp00000001a'"), Is.EqualTo(1));
            Assert.That(Count("SELECT COUNT(*) FROM _otps WHERE id = 'newotp00000001a'"), Is.EqualTo(1));
            Assert.That(Count("SELECT COUNT(*) FROM _mfas WHERE id LIKE '%mfa00000001a'"), Is.EqualTo(1));
            Assert.That(Count("SELECT COUNT(*) FROM _mfas WHERE id = 'newmfa00000001a'"), Is.EqualTo(1));
        });
    }
}
