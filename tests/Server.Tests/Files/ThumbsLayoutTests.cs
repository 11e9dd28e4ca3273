using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Tests.Files;

public sealed class ThumbsLayoutTests
{
    [TestCase(300, 200, 100, 100, "", 50f, 0f, 250f, 200f, 100, 100)]
    [TestCase(200, 300, 100, 100, "t", 0f, 0f, 200f, 200f, 100, 100)]
    [TestCase(200, 300, 100, 100, "b", 0f, 100f, 200f, 300f, 100, 100)]
    [TestCase(300, 200, 60, 60, "f", 0f, 0f, 300f, 200f, 60, 40)]
    [TestCase(30, 20, 60, 60, "f", 0f, 0f, 30f, 20f, 30, 20)]
    [TestCase(300, 200, 0, 50, "", 0f, 0f, 300f, 200f, 75, 50)]
    [TestCase(300, 200, 150, 0, "", 0f, 0f, 300f, 200f, 150, 100)]
    public void Layout_MatchesUpstreamSizeModes(int srcW, int srcH, int w, int h, string mode, float left, float top, float right, float bottom, int outW, int outH)
    {
        var (source, target) = Thumbs.Layout(srcW, srcH, w, h, mode);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { source.Left, source.Top, source.Right, source.Bottom }, Is.EqualTo(new[] { left, top, right, bottom }).Within(0.01f));
            Assert.That(new[] { target.Width, target.Height }, Is.EqualTo(new[] { outW, outH }));
        });
    }

    [TestCase("0x0")]
    [TestCase("10x10x")]
    [TestCase("abc")]
    public void Create_InvalidSize_IsNull(string size) => Assert.That(Thumbs.Create(Multipart.Png, size, "image/png"), Is.Null);
}
