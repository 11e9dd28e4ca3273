using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Files;

/// <summary>
/// Storage names as upstream makes them: snake_cased base name (at most 100 chars), <c>_</c>, 10 random
/// <c>[a-z0-9]</c> and the lower-cased extension. The random part keeps URLs unguessable.
/// </summary>
public static partial class FileNames
{
    private const string RandomAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    [GeneratedRegex(@"[^\p{L}\p{N}_]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(\p{Ll}|\p{N})(\p{Lu})")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"[^a-z0-9.]+")]
    private static partial Regex ExtensionJunk();

    public static string Generate(string originalName, string contentType)
    {
        var baseName = Path.GetFileName(originalName.Replace('\\', '/'));
        var ext = Path.GetExtension(baseName);
        var stem = ext.Length > 0 ? baseName[..^ext.Length] : baseName;
        ext = ExtensionJunk().Replace(ext.ToLowerInvariant(), "");
        if (ext.Length <= 1)
        {
            ext = ContentTypes.Extension(contentType);
        }

        var name = SnakeCase(stem);
        if (name.Length > 100)
        {
            name = name[..100];
        }

        if (name.Length < 3)
        {
            name += RandomNumberGenerator.GetString(RandomAlphabet, 10);
        }

        return name + "_" + RandomNumberGenerator.GetString(RandomAlphabet, 10) + ext;
    }

    public static string SnakeCase(string text)
    {
        var spaced = CamelBoundary().Replace(NonWord().Replace(text, " "), "$1 $2");
        var builder = new StringBuilder();
        foreach (var part in spaced.Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(builder.Length > 0 ? "_" : "").Append(part.ToLowerInvariant());
        }

        return builder.ToString();
    }
}
