using System.Text;

namespace PocketBaseSharp.Server.Files;

/// <summary>
/// Content types from the bytes (the declared part type is not trusted), as upstream detects them for
/// validation and downloads, plus the extension overrides upstream applies when serving.
/// </summary>
public static class ContentTypes
{
    public const string Text = "text/plain; charset=utf-8";
    public const string Binary = "application/octet-stream";

    private static readonly (byte[] Magic, string Type)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF87a"u8.ToArray(), "image/gif"),
        ("GIF89a"u8.ToArray(), "image/gif"),
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B, 0x08], "application/gzip"),
        ("OggS"u8.ToArray(), "audio/ogg"),
        ("ID3"u8.ToArray(), "audio/mpeg"),
        ([0x1A, 0x45, 0xDF, 0xA3], "video/webm"),
    ];

    public static string Detect(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, type) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                return type;
            }
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8))
        {
            if (head[8..12].SequenceEqual("WEBP"u8)) { return "image/webp"; }
            if (head[8..12].SequenceEqual("WAVE"u8)) { return "audio/wav"; }
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "video/mp4";
        }

        if (head.IndexOf((byte)0) >= 0 || !IsUtf8(head))
        {
            return Binary;
        }

        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Contains("<svg", StringComparison.OrdinalIgnoreCase) && (text.StartsWith('<')))
        {
            return "image/svg+xml";
        }

        if (text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return "text/html; charset=utf-8";
        }

        return (text.StartsWith('{') || text.StartsWith('[')) && IsJson(text) ? "application/json" : Text;
    }

    /// <summary>What a download is served as: detected, with upstream's fixes for types sniffing cannot tell.</summary>
    public static string ForServing(string fileName, ReadOnlySpan<byte> head) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".css" => "text/css",
        ".js" or ".mjs" => "text/javascript",
        _ => Detect(head),
    };

    /// <summary>The type without parameters, for comparing with a field's <c>mimeTypes</c>.</summary>
    public static string Essence(string type) => type.Split(';')[0].Trim().ToLowerInvariant();

    public static string Extension(string type) => Essence(type) switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "image/svg+xml" => ".svg",
        "application/pdf" => ".pdf",
        "application/zip" => ".zip",
        "application/gzip" => ".gz",
        "application/json" => ".json",
        "text/html" => ".html",
        "text/plain" => ".txt",
        "audio/ogg" => ".ogg",
        "audio/mpeg" => ".mp3",
        "audio/wav" => ".wav",
        "video/webm" => ".webm",
        "video/mp4" => ".mp4",
        _ => "",
    };

    /// <summary>Shown inline by browsers; everything else is an attachment.</summary>
    public static bool IsInline(string type)
    {
        var essence = Essence(type);
        return essence.StartsWith("image/", StringComparison.Ordinal) || essence.StartsWith("audio/", StringComparison.Ordinal)
            || essence.StartsWith("video/", StringComparison.Ordinal) || essence == "application/pdf";
    }

    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        // The sniffed head may end inside a multi-byte sequence; allow up to 3 trailing bytes of it.
        for (var cut = 0; cut < 4 && cut <= head.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsJson(string text)
    {
        try
        {
            System.Text.Json.JsonDocument.Parse(text).Dispose();
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
