using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace PocketBaseSharp.AdminUi;

/// <summary>One dashboard file held in memory: the files are small and never change at runtime.</summary>
internal sealed record AdminUiFile(byte[] Content, string ContentType, string ETag);

/// <summary>The dashboard files embedded under <c>wwwroot/</c>, keyed by their path below it.</summary>
internal static class AdminUiFiles
{
    private const string Prefix = "wwwroot/";

    public static FrozenDictionary<string, AdminUiFile> Load()
    {
        var assembly = typeof(AdminUiFiles).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, AdminUiFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var path = name[Prefix.Length..];
            var content = Read(assembly, name);
            if (!types.TryGetContentType(path, out var type))
            {
                type = "application/octet-stream";
            }
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json")
            {
                type += "; charset=utf-8";
            }
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))[..16];
            files[path] = new AdminUiFile(content, type, $"\"{hash}\"");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded dashboard file {name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
