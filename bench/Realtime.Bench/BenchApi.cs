using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Realtime.Bench;

/// <summary>The REST calls that prepare a run: the collection, cheap-to-hash users and their tokens.</summary>
public sealed class BenchApi(HttpClient http)
{
    public const string Password = "bench-password-1";

    public async Task<string> LoginAsync(string collection, string identity, string password)
    {
        var body = await SendAsync(HttpMethod.Post, $"/api/collections/{collection}/auth-with-password", null,
            new JsonObject { ["identity"] = identity, ["password"] = password });
        return body!["token"]!.GetValue<string>();
    }

    public async Task CreatePostsCollectionAsync(string superuser)
    {
        const string rule = "@request.auth.id != ''";
        await SendAsync(HttpMethod.Post, "/api/collections", superuser, new JsonObject
        {
            ["name"] = "posts",
            ["type"] = "base",
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "title", ["type"] = "text" }),
            ["listRule"] = rule,
            ["viewRule"] = rule,
            ["createRule"] = rule,
        });
    }

    /// <summary>bcrypt cost 4 for the users' passwords: setup time is not what is measured.</summary>
    public async Task MakePasswordsCheapAsync(string superuser)
    {
        var users = await SendAsync(HttpMethod.Get, "/api/collections/users", superuser, null);
        var fields = users!["fields"]!.AsArray();
        foreach (var field in fields)
        {
            if (field!["name"]!.GetValue<string>() == "password")
            {
                field["cost"] = 4;
            }
        }

        await SendAsync(HttpMethod.Patch, "/api/collections/users", superuser, new JsonObject { ["fields"] = fields.DeepClone() });
    }

    /// <summary>Creates a user and returns its auth token.</summary>
    public async Task<string> CreateUserAsync(int index)
    {
        var email = $"bench{index}@example.com";
        await SendAsync(HttpMethod.Post, "/api/collections/users/records", null,
            new JsonObject { ["email"] = email, ["password"] = Password, ["passwordConfirm"] = Password });
        return await LoginAsync("users", email, Password);
    }

    public async Task CreatePostAsync(string token, long sequence) =>
        await SendAsync(HttpMethod.Post, "/api/collections/posts/records", token, new JsonObject { ["title"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, string? token, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} → {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
