using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Backups;

/// <summary>Helpers shared by the backup tests: file tokens, downloads, uploads, polling with timeouts.</summary>
public static class BackupTestSupport
{
    public static async Task<string> FileTokenAsync(ApiClient api, string token)
    {
        var response = await api.PostAsync("/api/files/token", null, token);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["token"]!.GetValue<string>();
    }

    public static async Task<string> CreateRecordAsync(ApiClient api, string token, string collection, string title)
    {
        var response = await api.PostAsync($"/api/collections/{collection}/records", new JsonObject { ["title"] = title }, token);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object["id"]!.GetValue<string>();
    }

    public static async Task<HttpResponseMessage> DownloadAsync(Uri baseUri, string key, string? fileToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var url = $"/api/backups/{Uri.EscapeDataString(key)}" + (fileToken is null ? "" : "?token=" + fileToken);
        return await http.GetAsync(url);
    }

    public static async Task<ApiClient.Response> UploadAsync(Uri baseUri, string token, byte[] content, string fileName, string contentType = "application/zip")
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/backups/upload") { Content = form };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        var response = await http.SendAsync(request);
        return new ApiClient.Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static async Task<JsonArray> ListAsync(ApiClient api, string token)
    {
        var response = await api.GetAsync("/api/backups", token);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Json!.AsArray();
    }

    public static IReadOnlyList<string> Keys(JsonArray list) => [.. list.Select(i => i!["key"]!.GetValue<string>())];

    /// <summary>Polls <paramref name="condition"/> every 200 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // The server is restarting.
            }
            catch (TaskCanceledException)
            {
                // Same.
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>The titles stored in <paramref name="table"/> of the zip's data.db, read with Microsoft.Data.Sqlite.</summary>
    public static IReadOnlyList<string> TitlesInZip(byte[] zipBytes, string table)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pbs-zip-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
            {
                zip.ExtractToDirectory(dir);
            }

            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "data.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = $"SELECT title FROM \"{table}\" ORDER BY title";
            using var reader = command.ExecuteReader();
            var titles = new List<string>();
            while (reader.Read())
            {
                titles.Add(reader.GetString(0));
            }

            return titles;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
