using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>The client's bounded queue: order, capacity, completion, and the reader's wait.</summary>
public sealed class MessageQueueTests
{
    [Test]
    public void Messages_ComeOutInOrder_AcrossRingGrowthAndWrapAround()
    {
        var queue = new MessageQueue(capacity: 50);
        var next = 0;
        var expected = 0;
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 7; i++)
            {
                Assert.That(queue.TryWrite(Message(next++)), Is.True);
            }

            for (var i = 0; i < 5; i++)
            {
                Assert.That(queue.TryRead(out var message), Is.True);
                Assert.That(message.Name, Is.EqualTo((expected++).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Assert.That(queue.Count, Is.EqualTo(40));
        while (queue.TryRead(out var message))
        {
            Assert.That(message.Name, Is.EqualTo((expected++).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.That(expected, Is.EqualTo(next));
    }

    [Test]
    public void AFullQueue_RefusesWrites_UntilAMessageIsRead()
    {
        var queue = new MessageQueue(capacity: 3);
        Assert.That(Enumerable.Range(0, 3).Select(i => queue.TryWrite(Message(i))), Has.All.True);

        Assert.That(queue.TryWrite(Message(3)), Is.False);
        Assert.That(queue.TryRead(out _), Is.True);
        Assert.That(queue.TryWrite(Message(4)), Is.True);
        Assert.That(queue.Count, Is.EqualTo(3));
    }

    [Test, CancelAfter(5_000)]
    public async Task WaitingReader_IsWokenByAWrite_AndCompletionEndsItAfterTheRest(CancellationToken ct)
    {
        var queue = new MessageQueue(capacity: 10);
        var wait = queue.WaitToReadAsync().AsTask();
        Assert.That(wait.IsCompleted, Is.False);

        queue.TryWrite(Message(1));
        Assert.That(await wait.WaitAsync(ct), Is.True);

        queue.Complete();
        Assert.That(queue.TryWrite(Message(2)), Is.False, "no writes after completion");
        Assert.That(await queue.WaitToReadAsync(), Is.True, "what was queued is still read");
        Assert.That(queue.TryRead(out var message) && message.Name == "1", Is.True);
        Assert.That(await queue.WaitToReadAsync(), Is.False);
    }

    [Test, CancelAfter(5_000)]
    public async Task CompletingAnEmptyQueue_EndsAWaitingReader(CancellationToken ct)
    {
        var queue = new MessageQueue(capacity: 10);
        var wait = queue.WaitToReadAsync().AsTask();

        queue.Complete();

        Assert.That(await wait.WaitAsync(ct), Is.False);
    }

    private static RealtimeMessage Message(int n) =>
        RealtimeMessage.FromJson(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "{}");
}
