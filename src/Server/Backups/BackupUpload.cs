using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Backups;

/// <summary>
/// <c>POST /api/backups/upload</c>: the multipart part <c>file</c> is streamed to a temp file (no
/// body limit, never held in memory), checked to be a zip with an unused name, then moved into
/// the backups dir under its original name.
/// </summary>
public sealed class BackupUpload(ServerOptions options, BackupStore store)
{
    private const string Invalid = "An error occurred while validating the submitted data.";

    private static readonly byte[][] ZipSignatures = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08]];

    public async Task SaveAsync(HttpRequest request, CancellationToken cancel)
    {
        var temp = DataDirLayout.TempPath(options.DataDir, "pb_upload_");
        try
        {
            var name = await ReceiveAsync(request, temp, cancel);
            store.Store(temp, Validate(name, temp));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Streams the first <c>file</c> part to <paramref name="temp"/>; its original name, or null when absent.</summary>
    private static async Task<string?> ReceiveAsync(HttpRequest request, string temp, CancellationToken cancel)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        string? name = null;
        while (await reader.ReadNextSectionAsync(cancel) is { } section)
        {
            if (name is null
                && ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "file")
            {
                await using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await section.Body.CopyToAsync(target, cancel);
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";

                // Like Go's multipart parser, only the base name of what the client sent counts.
                name = Path.GetFileName(fileName.Replace('\\', '/'));
            }
            else
            {
                await section.Body.DrainAsync(cancel);
            }
        }

        return name;
    }

    private string Validate(string? name, string temp)
    {
        JsonObject? error = name is null ? ValidationErrors.Leaf("validation_required", "Cannot be blank.")
            : !IsZip(temp) ? ValidationErrors.Leaf("validation_invalid_mime_type", $"\"{name}\" mime type must be one of: application/zip.")
            : !BackupStore.IsSafeKey(name) || store.Exists(name) ? ValidationErrors.Leaf("validation_backup_name_exists", "Backup file with the specified name already exists.")
            : null;
        return error is null ? name! : throw ApiException.BadRequest(Invalid, new JsonObject { ["file"] = error });
    }

    private static bool IsZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        if (file.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
        {
            return false;
        }

        foreach (var signature in ZipSignatures)
        {
            if (head.SequenceEqual(signature))
            {
                return true;
            }
        }

        return false;
    }
}
