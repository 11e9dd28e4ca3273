using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>The batched evaluation must decide exactly as one execution per check does.</summary>
public sealed class CheckSessionTests
{
    private const string Sql = "SELECT 1 FROM `t` LEFT JOIN `u` `j` ON `j`.`id` = `t`.`owner` AND `j`.`name` != @p3 " +
        "WHERE `t`.`id` = @p4 AND ((`t`.`n` = @p0 OR @p0 IS NULL) AND `t`.`flag` = @p1 AND `j`.`name` = @p2) LIMIT 1";

    private static readonly object?[][] ParameterSets =
    [
        [1.5, true, "alice", "x"],
        [1.5, true, "bob", "x"],
        [2.0, true, "alice", "x"],
        [null, true, "alice", "x"],
        [1.5, false, "alice", "x"],
        [1.5, true, "alice", "alice"],
        [1L, true, "alice", "x"],
        [1.5, 1L, "alice", ""],
    ];

    [Test]
    public async Task PassAll_MatchesSingleExecutions()
    {
        await using var connection = await OpenAsync();
        var checks = ParameterSets.Select(Check).ToList();
        using var session = new CheckSession(connection);

        var batched = await session.PassAllAsync(checks, "r1");
        var single = new List<bool>();
        foreach (var check in checks)
        {
            single.Add(await session.PassesAsync(check, "r1"));
        }

        Assert.That(single, Is.EqualTo(new[] { true, false, false, true, false, false, false, true }));
        Assert.That(batched, Is.EqualTo(single));
        Assert.That(await session.PassAllAsync(checks, "missing"), Has.All.False);
    }

    [Test]
    public async Task PassAll_ReusedBatch_FollowsReplacedChecks()
    {
        await using var connection = await OpenAsync();
        using var session = new CheckSession(connection);
        var checks = ParameterSets.Select(Check).ToList();
        var first = await session.PassAllAsync(checks, "r1");

        // Same positions, one check replaced (a subscriber whose auth changed): its answer changes.
        checks[1] = Check(ParameterSets[0]);
        checks[0] = Check(ParameterSets[1]);
        var second = await session.PassAllAsync(checks, "r1");
        // One subscriber fewer shifts the positions.
        var third = await session.PassAllAsync(checks.Skip(1).ToList(), "r1");

        Assert.That(first.Take(2), Is.EqualTo(new[] { true, false }));
        Assert.That(second.Take(2), Is.EqualTo(new[] { false, true }));
        Assert.That(second.Skip(2), Is.EqualTo(first.Skip(2)));
        Assert.That(third, Is.EqualTo(second.Skip(1)));
    }

    private static CompiledCheck Check(object?[] values) =>
        new(Sql, [.. values.Select((v, i) => new KeyValuePair<string, object?>("p" + i, v)), new("p4", "")], "p4");

    private static async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        using var setup = connection.CreateCommand();
        setup.CommandText = """
            CREATE TABLE u (id TEXT, name TEXT);
            CREATE TABLE t (id TEXT, n REAL, flag INTEGER, owner TEXT);
            INSERT INTO u VALUES ('u1', 'alice');
            INSERT INTO t VALUES ('r1', 1.5, 1, 'u1');
            """;
        await setup.ExecuteNonQueryAsync();
        return connection;
    }
}
