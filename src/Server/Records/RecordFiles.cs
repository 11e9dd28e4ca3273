using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// The file fields of one record write: folds uploaded parts into the submitted values (as their
/// generated names), checks them with upstream's codes and stages storage changes for after commit.
/// Created before the form loads, so it remembers the stored names.
/// </summary>
public sealed class RecordFiles(Record record, IReadOnlyDictionary<string, List<UploadedFile>> parts)
{
    private readonly Dictionary<string, List<string>> _before = record.Collection.Fields
        .Where(f => f.Type == "file").ToDictionary(f => f.Name, f => record.GetList(f.Name));

    private readonly Dictionary<string, UploadedFile> _uploads = new(StringComparer.Ordinal);

    /// <summary>
    /// Plain key: kept names first, then uploads (uploads alone replace the value); <c>name+</c>
    /// appends and <c>+name</c> prepends through the normal modifiers.
    /// </summary>
    public JsonObject MergeInto(JsonObject body)
    {
        var merged = (JsonObject)body.DeepClone();
        foreach (var (key, files) in parts)
        {
            var name = key.StartsWith('+') ? key[1..] : key.TrimEnd('+');
            if (record.Collection.FindField(name) is not { Type: "file" })
            {
                continue;
            }

            foreach (var file in files)
            {
                _uploads[file.Name] = file;
            }

            var submitted = merged.ContainsKey(key) ? FieldValues.ToList(merged[key]) : [];
            var uploaded = files.Select(f => f.Name).ToList();
            List<string> value = key[0] == '+' ? [.. uploaded, .. submitted] : [.. submitted, .. uploaded];
            merged[key] = new JsonArray([.. value.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        return merged;
    }

    /// <summary>Adds file errors to the form; counts are left to <see cref="FieldValidator"/>.</summary>
    public void Check(RecordForm form)
    {
        foreach (var field in record.Collection.Fields.Where(f => f.Type == "file"))
        {
            var now = record.GetList(field.Name);
            if (now.Count > Math.Max(field.MaxSelect, 1))
            {
                continue;
            }

            var unknown = now.Where(n => !_before[field.Name].Contains(n) && !_uploads.ContainsKey(n)).ToList();
            if (unknown.Count > 0)
            {
                form.AddError(field.Name, "validation_invalid_file", "Invalid new files: [" + string.Join(" ", unknown) + "].");
                continue;
            }

            foreach (var upload in now.Where(_uploads.ContainsKey).Select(n => _uploads[n]))
            {
                if (Problem(field, upload) is { } error)
                {
                    form.AddError(field.Name, error.Code, error.Message, error.Params);
                    break;
                }
            }
        }
    }

    /// <summary>After the row is written: store kept uploads, delete names the record no longer has.</summary>
    public void Stage(FileChanges changes)
    {
        var collectionId = record.Collection.Id;
        foreach (var (name, before) in _before)
        {
            var now = record.GetList(name);
            foreach (var added in now.Where(_uploads.ContainsKey))
            {
                changes.Write(collectionId, record.Id, _uploads[added]);
            }

            foreach (var removed in before.Where(b => !now.Contains(b)))
            {
                changes.Delete(collectionId, record.Id, removed);
            }
        }
    }

    private static (string Code, string Message, JsonObject Params)? Problem(Field field, UploadedFile upload)
    {
        if (upload.OriginalName.Length is 0 or > 150)
        {
            return ("validation_invalid_file_name", "Invalid file name.", new JsonObject { ["file"] = upload.OriginalName });
        }

        var maxSize = field.MaxSize > 0 ? field.MaxSize : 5L << 20;
        if (upload.Content.LongLength > maxSize)
        {
            return ("validation_file_size_limit", $"Failed to upload {upload.OriginalName} - the maximum allowed file size is {maxSize} bytes.",
                new JsonObject { ["file"] = upload.OriginalName, ["maxSize"] = maxSize });
        }

        var allowed = field.Raw["mimeTypes"] is JsonArray a ? a.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() : [];
        var type = ContentTypes.Essence(upload.ContentType);
        return allowed.Count > 0 && !allowed.Exists(t => ContentTypes.Essence(t) == type)
            ? ("validation_invalid_mime_type", $"\"{upload.OriginalName}\" mime type must be one of: {string.Join(", ", allowed)}.",
                new JsonObject { ["file"] = upload.OriginalName, ["types"] = string.Join(", ", allowed) })
            : null;
    }
}
