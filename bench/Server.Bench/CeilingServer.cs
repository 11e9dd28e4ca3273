using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// The ceiling: a bare Kestrel minimal API returning a small source-generated JSON object, built
/// like the real server (slim builder, warnings-only logging), so Tier B can report each route as
/// a fraction of what this machine's Kestrel does with no database, auth or rules.
/// </summary>
public static partial class CeilingServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CeilingJson.Default));
        var app = builder.Build();
        app.MapGet("/api/health", () => Results.Json(new CeilingMessage("API is healthy.", 200), CeilingJson.Default.CeilingMessage));
        app.MapGet("/api/json", () => Results.Json(new CeilingMessage("Hello, World!", 200), CeilingJson.Default.CeilingMessage));
        await app.RunAsync();
        return 0;
    }

    [JsonSerializable(typeof(CeilingMessage))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    private sealed partial class CeilingJson : JsonSerializerContext;
}
