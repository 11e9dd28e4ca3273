using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Machine calibration taken in every run, so runs on different machines can be compared: bcrypt
/// cost-10 verifies per second (what password auth is bound by) and raw SQLite single-row inserts
/// per second with upstream's pragmas (what record creates are bound by).
/// </summary>
public static class Calibration
{
    public static CalibrationResult Run(TimeSpan each)
    {
        var hash = BCrypt.Net.BCrypt.HashPassword("1234567890", 10);
        Func<bool> bcryptNet = () => BCrypt.Net.BCrypt.Verify("1234567890", hash);
        var native = NativeBcrypt.IsAvailable;
        var asServer = native ? () => NativeBcrypt.Crypt("1234567890", hash) == hash : bcryptNet;
        var oneThread = BcryptRate(asServer, 1, each);
        var allThreads = BcryptRate(asServer, Environment.ProcessorCount, each);
        var bcryptNetAll = native ? BcryptRate(bcryptNet, Environment.ProcessorCount, each) : allThreads;
        var (inserts, p50Us) = SqliteInsertRate(each);
        return new CalibrationResult(oneThread, allThreads, Environment.ProcessorCount, inserts, p50Us, native ? "libcrypt" : "BCrypt.Net", bcryptNetAll);
    }

    private static double BcryptRate(Func<bool> verify, int threads, TimeSpan duration)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            // Bounded: at most 1,000 verifies per thread even on a very fast machine.
            for (var i = 0; i < 1000 && clock.Elapsed < duration; i++)
            {
                if (!verify())
                {
                    throw new InvalidOperationException("bcrypt calibration: the check failed");
                }

                Interlocked.Increment(ref done);
            }
        });
        return done / clock.Elapsed.TotalSeconds;
    }

    private static (double PerSecond, double CommitP50Us) SqliteInsertRate(TimeSpan duration)
    {
        var dir = Directory.CreateTempSubdirectory("pbs-calibration-");
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.FullName, "c.db")};Pooling=False");
            connection.Open();
            Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=200000000; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000; PRAGMA busy_timeout=10000;");
            Exec(connection, "CREATE TABLE posts (id TEXT PRIMARY KEY NOT NULL, title TEXT, description TEXT, public BOOLEAN, type JSON, author TEXT, created TEXT, updated TEXT)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO posts VALUES ($id, $title, $description, 1, '[\"a\",\"b\"]', 'abcdefghijklmno', $now, $now)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.AddWithValue("$title", "title");
            insert.Parameters.AddWithValue("$description", Lorem.Description);
            insert.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            insert.Prepare();
            var commits = new List<long>();
            var clock = Stopwatch.StartNew();
            // One row per transaction, bounded at 200,000 rows.
            for (var i = 0; i < 200_000 && clock.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var tx = connection.BeginTransaction();
                insert.Transaction = tx;
                id.Value = i.ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
                tx.Commit();
                commits.Add(Stopwatch.GetTimestamp() - start);
            }

            var rate = commits.Count / clock.Elapsed.TotalSeconds;
            return (rate, LatencyStats.From(commits).P50Ms * 1000);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
