using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Files;

/// <summary>
/// Finds the stored file behind a download URL with upstream's access model: public file fields have
/// no rule check (names carry a random suffix); protected ones need a file token whose record passes
/// the viewRule in context <c>protectedFile</c>. Every failure is the same 404.
/// </summary>
public sealed class FileDownloads(CollectionStore collections, RecordStore records, RecordRules rules, TokenService tokens, IFileStorage storage)
{
    private const int SniffLength = 3072;

    public async Task<FileDownload> FindAsync(HttpContext http, string collection, string recordId, string filename)
    {
        var c = collections.Find(collection) ?? throw ApiException.NotFound();
        var record = await records.FindByIdAsync(c, recordId) ?? throw ApiException.NotFound();
        var field = c.Fields.Find(f => f.Type == "file" && record.GetList(f.Name).Contains(filename)) ?? throw ApiException.NotFound();
        if (field.Raw["protected"] is JsonValue p && p.TryGetValue<bool>(out var isProtected) && isProtected)
        {
            await CheckTokenAsync(http, c, record.Id);
        }

        var (ownerId, ownerRecordId) = c.IsView ? await ViewFileOwnerAsync(c, field, filename) : (c.Id, record.Id);
        var original = FileChanges.Key(ownerId, ownerRecordId, filename);
        var file = await storage.OpenAsync(original) ?? throw ApiException.NotFound();
        var head = new byte[SniffLength];
        var read = await file.Content.ReadAtLeastAsync(head, SniffLength, throwOnEndOfStream: false);
        file.Content.Position = 0;
        var type = ContentTypes.ForServing(filename, head.AsSpan(0, read));
        if (ThumbSize(http, field, type) is { } size)
        {
            var key = $"{ownerId}/{ownerRecordId}/thumbs_{filename}/{size}_{filename}";
            if ((await storage.OpenAsync(key) ?? await CreateThumbAsync(file, key, size, type, filename)) is { } thumb)
            {
                await file.Content.DisposeAsync();
                file = thumb;
            }
        }

        return new FileDownload(file, filename, type);
    }

    /// <summary>
    /// A view stores no files: its file field reads a table collection's file field (found through
    /// the view's query, nested views followed, as upstream), and the record of that table holding
    /// <paramref name="filename"/> owns the stored file.
    /// </summary>
    private async Task<(string CollectionId, string RecordId)> ViewFileOwnerAsync(Collection view, Field field, string filename)
    {
        if (ViewFieldResolver.FileSource(view, field.Name, collections.All) is not { Source: { } source, Original: { } sourceField })
        {
            throw ApiException.NotFound();
        }

        var column = TableSchema.Quote(sourceField.Name);
        var sql = $"SELECT * FROM {TableSchema.Quote(source.Name)} WHERE {column} = @name OR instr({column}, @quoted) > 0 LIMIT 50";
        var candidates = await records.Database.ReadAsync(db => RecordStore.QueryAsync(db, null, source, sql, new Dictionary<string, object?>
        {
            ["name"] = filename,
            ["quoted"] = System.Text.Json.JsonSerializer.Serialize(filename),
        }));
        return candidates.FirstOrDefault(r => r.GetList(sourceField.Name).Contains(filename)) is { } owner
            ? (source.Id, owner.Id)
            : throw ApiException.NotFound();
    }

    /// <summary>Makes and caches a thumb beside the original (upstream's layout); null keeps the original.</summary>
    private async Task<StoredFile?> CreateThumbAsync(StoredFile original, string key, string size, string type, string filename)
    {
        using var buffer = new MemoryStream();
        await original.Content.CopyToAsync(buffer);
        original.Content.Position = 0;
        var thumb = Thumbs.Create(buffer.ToArray(), size, type);
        if (thumb is null)
        {
            return null;
        }

        await storage.WriteAsync(key, thumb, type, filename);
        return await storage.OpenAsync(key);
    }

    private async Task CheckTokenAsync(HttpContext http, Collection c, string recordId)
    {
        var token = http.Request.Query["token"].ToString();
        var verified = token.Length > 0 ? await tokens.VerifyAsync(token, "file") : null;
        if (verified is not { } v)
        {
            throw ApiException.NotFound();
        }

        var info = RecordRules.BuildRequestInfo(http, new RequestAuthState(v.Record, token), context: "protectedFile");
        if (!await records.Database.ReadAsync(db => rules.CheckAsync(db, null, c, recordId, c.ViewRule, info)))
        {
            throw ApiException.NotFound();
        }
    }

    /// <summary>A requested thumb size that upstream would accept for this field and image type.</summary>
    private static string? ThumbSize(HttpContext http, Field field, string type)
    {
        var size = http.Request.Query["thumb"].ToString();
        if (size.Length == 0 || ContentTypes.Essence(type) is not ("image/png" or "image/jpeg" or "image/gif" or "image/webp"))
        {
            return null;
        }

        var allowed = field.Raw["thumbs"] is JsonArray a && a.Any(n => n is JsonValue v && v.TryGetValue<string>(out var s) && s == size);
        return size == "100x100" || allowed ? size : null;
    }
}
