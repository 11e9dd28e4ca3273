using System.IO.Pipelines;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Writes a client's queued messages to its stream, one flush each, until the client is closed
/// and its queue is drained or the connection goes away. Shared by streams served through
/// Kestrel's response body and streams served straight on the connection. Once a client's
/// messages go straight to its socket (<see cref="RealtimeSocketWriter"/>) the queue holds only
/// what the socket could not take at once, and the pump sends that to the socket too.
/// </summary>
public static class RealtimePump
{
    /// <param name="chunked">Frame each message as an HTTP/1.1 chunk (the output is the raw connection).</param>
    public static async Task RunAsync(PipeWriter output, RealtimeClient client, bool chunked)
    {
        try
        {
            // Completes with false once the client is closed and its queue is empty.
            while (await client.Queue.WaitToReadAsync())
            {
                while (client.TryTake(out var message, out var toSocket))
                {
                    if (client.IsClosed)
                    {
                        // Dropped, timed out or shutting down: what is still queued is not written.
                        return;
                    }

                    if (toSocket)
                    {
                        var sent = await client.SocketWriter!.SendAsync(client.Id, message, client.Closed);
                        client.Sent();
                        if (!sent)
                        {
                            client.Close();
                            return;
                        }

                        client.MarkActive();
                        continue;
                    }

                    if (chunked)
                    {
                        SseFrame.WriteChunk(output, client.Id, message);
                    }
                    else
                    {
                        SseFrame.Write(output, client.Id, message);
                    }

                    // The token only matters when the flush has to wait (a client that does not
                    // read): closing the client then ends the wait.
                    var flushed = await output.FlushAsync(client.Closed);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return;
                    }

                    // The idle timeout counts from the last delivered message.
                    client.MarkActive();
                }
            }
        }
        catch (OperationCanceledException) when (client.IsClosed)
        {
            // Closed while flushing: the response simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing; the client is gone either way.
        }
        finally
        {
            // Whatever ends the stream next goes through Kestrel again.
            client.SocketWriter?.End();
        }
    }
}
