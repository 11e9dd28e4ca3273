using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Tests.AuthFlows.Support;

/// <summary>
/// Reads signing material straight from a data dir (a record's tokenKey and the collection's
/// secrets) so tests can mint tokens exactly as a PocketBase server holding the same keys would,
/// and tamper with them one property at a time.
/// </summary>
public sealed class DataKeys(string dataDir)
{
    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDir, "data.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
    }.ToString();

    public string CollectionSecret(string collectionId, string tokenOption)
    {
        using var db = new SqliteConnection(ConnectionString);
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT options FROM _collections WHERE id = @id";
        cmd.Parameters.AddWithValue("@id", collectionId);
        var options = JsonNode.Parse((string)cmd.ExecuteScalar()!)!;
        return options[tokenOption]!["secret"]!.GetValue<string>();
    }

    public string TokenKey(string table, string recordId)
    {
        using var db = new SqliteConnection(ConnectionString);
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT tokenKey FROM `{table}` WHERE id = @id";
        cmd.Parameters.AddWithValue("@id", recordId);
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>Signs <paramref name="claims"/> with the record's key for <paramref name="tokenOption"/> (e.g. <c>authToken</c>).</summary>
    public string Sign(string collectionId, string table, string recordId, string tokenOption, JsonObject claims) =>
        Jwt.Sign(claims, TokenKey(table, recordId) + CollectionSecret(collectionId, tokenOption));

    public static long Exp(TimeSpan fromNow) => DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds();
}
