using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

public sealed class SseFrameTests
{
    [Test]
    public void Write_Message_UsesExactFraming()
    {
        var text = SseFrame.ToText("abc", RealtimeMessage.FromJson("posts/*", """{"action":"create"}"""));

        Assert.That(text, Is.EqualTo("id:abc\nevent:posts/*\ndata:{\"action\":\"create\"}\n\n"));
    }

    [Test]
    public void ConnectMessage_CarriesClientIdInIdAndData()
    {
        var id = RealtimeClientId.New();

        var text = SseFrame.ToText(id, RealtimeStream.ConnectMessage(id));

        Assert.That(text, Is.EqualTo($"id:{id}\nevent:PB_CONNECT\ndata:{{\"clientId\":\"{id}\"}}\n\n"));
    }

    [Test]
    public void Write_EventNameWithLineBreak_StaysOneLine()
    {
        var text = SseFrame.ToText("c", RealtimeMessage.FromJson("a\nevent:b\r", "{}"));

        Assert.That(text, Is.EqualTo("id:c\nevent:aevent:b\ndata:{}\n\n"));
    }

    [Test]
    public void NewClientId_Is40AlphanumericCharacters()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => RealtimeClientId.New()).ToList();

        Assert.That(ids, Has.All.Match("^[A-Za-z0-9]{40}$"));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count));
    }
}
