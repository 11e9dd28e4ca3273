namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>Locates ../shared/fixtures/pocketbase-testdata relative to the repository root.</summary>
public static class SharedFixture
{
    public static string? TestDataDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PocketBaseSharp.sln")))
        {
            dir = dir.Parent;
        }

        var path = dir?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "fixtures", "pocketbase-testdata") : null;
        return path is not null && File.Exists(Path.Combine(path, "data.db")) ? path : null;
    }

    /// <summary>A temporary copy of the fixture's databases (and, when asked, its <c>storage</c> folder).</summary>
    public static string CopyToTemp(string source, bool withStorage = false)
    {
        var target = Path.Combine(Path.GetTempPath(), "pbs-fixture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var name in new[] { "data.db", "auxiliary.db" })
        {
            var to = Path.Combine(target, name);
            File.Copy(Path.Combine(source, name), to);
            File.SetAttributes(to, FileAttributes.Normal);
        }

        var storage = Path.Combine(source, "storage");
        if (withStorage && Directory.Exists(storage))
        {
            foreach (var file in Directory.EnumerateFiles(storage, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, "storage", Path.GetRelativePath(storage, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
                File.SetAttributes(to, FileAttributes.Normal);
            }
        }

        return target;
    }
}
