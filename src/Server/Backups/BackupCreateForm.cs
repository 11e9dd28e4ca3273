using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Backups;

/// <summary>The body of <c>POST /api/backups</c>: an optional name, validated as upstream does.</summary>
public static class BackupCreateForm
{
    /// <summary>The name to use (empty = generate one).</summary>
    /// <exception cref="ApiException">400 with a <c>data.name</c> field error.</exception>
    public static string ReadName(JsonObject body, BackupStore store)
    {
        var name = Json.String(body["name"]) ?? "";
        if (name.Length == 0)
        {
            return "";
        }

        JsonObject? error = name.Length > BackupNames.MaxLength
                ? ValidationErrors.Leaf("validation_length_out_of_range", $"The length must be between 1 and {BackupNames.MaxLength}.", new JsonObject { ["min"] = 1, ["max"] = BackupNames.MaxLength })
            : !BackupNames.Valid().IsMatch(name) ? ValidationErrors.Leaf("validation_match_invalid", "Must be in a valid format.")
            : store.Exists(name) ? ValidationErrors.Leaf("validation_backup_name_exists", "The backup file name is invalid or already exists.")
            : null;
        return error is null ? name : throw ApiException.BadRequest("An error occurred while validating the submitted data.", new JsonObject { ["name"] = error });
    }
}
