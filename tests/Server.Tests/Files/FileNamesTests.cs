using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Tests.Files;

public sealed class FileNamesTests
{
    [TestCase("My Photo.PNG", "image/png", "^my_photo_[a-z0-9]{10}\\.png$")]
    [TestCase("helloWorldFile.txt", "text/plain", "^hello_world_file_[a-z0-9]{10}\\.txt$")]
    [TestCase("../../etc/passwd", "text/plain", "^passwd_[a-z0-9]{10}\\.txt$")]
    [TestCase("C:\\Users\\me\\report (1).pdf", "application/pdf", "^report_1_[a-z0-9]{10}\\.pdf$")]
    [TestCase("a.txt", "text/plain", "^a[a-z0-9]{10}_[a-z0-9]{10}\\.txt$")]
    [TestCase("noext", "image/png", "^noext_[a-z0-9]{10}\\.png$")]
    [TestCase("weird.T$X!T", "text/plain", "^weird_[a-z0-9]{10}\\.txt$")]
    public void Generate_SanitisesAndAddsARandomSuffix(string original, string type, string pattern) =>
        Assert.That(FileNames.Generate(original, type), Does.Match(pattern));

    [Test]
    public void Generate_CutsLongNamesTo100Characters()
    {
        var name = FileNames.Generate(new string('x', 300) + ".txt", "text/plain");
        Assert.That(name, Has.Length.EqualTo(100 + 1 + 10 + 4));
    }

    [Test]
    public void Generate_IsDifferentEachTime()
    {
        var names = Enumerable.Range(0, 20).Select(_ => FileNames.Generate("a.txt", "text/plain")).ToList();
        Assert.That(names, Is.Unique);
    }

    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [TestCase(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [TestCase(new byte[] { 0x68, 0x69 }, "text/plain; charset=utf-8")]
    [TestCase(new byte[] { 0x00, 0x01, 0x02 }, "application/octet-stream")]
    public void Detect_UsesTheContent(byte[] head, string type) => Assert.That(ContentTypes.Detect(head), Is.EqualTo(type));
}
