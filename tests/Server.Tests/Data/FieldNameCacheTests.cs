using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>Field name and type are decoded once, yet every change to the raw JSON is still seen.</summary>
public sealed class FieldNameCacheTests
{
    [Test]
    public void NameAndType_FollowEveryChangeOfTheRawJson()
    {
        var field = new Field((JsonObject)JsonNode.Parse("""{"name":"title","type":"text"}""")!);
        var first = (field.Name, field.Type);

        field.Name = "heading";
        var renamed = field.Name;
        field.Raw["name"] = "caption";
        field.Raw["type"] = "editor";
        var rawChanged = (field.Name, field.Type);
        field.Raw.Remove("name");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(("title", "text")));
            Assert.That(renamed, Is.EqualTo("heading"));
            Assert.That(rawChanged, Is.EqualTo(("caption", "editor")));
            Assert.That(field.Name, Is.EqualTo(""));
        });
    }

    [Test]
    public void Name_IsTheSameStringOnEveryRead()
    {
        var field = new Field((JsonObject)JsonNode.Parse("""{"name":"title","type":"text"}""")!);

        var first = field.Name;
        var second = field.Name;

        Assert.That(second, Is.SameAs(first));
    }
}
