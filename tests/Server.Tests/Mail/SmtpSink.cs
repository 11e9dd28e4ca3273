using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace PocketBaseSharp.Server.Tests.Mail;

/// <summary>
/// A minimal SMTP server on a free 127.0.0.1 port that accepts every message and keeps it for the
/// test to read. It speaks just enough of RFC 5321 (EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA,
/// RSET, NOOP, QUIT) for MailKit and never offers STARTTLS, so the client stays in plain text.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<CaughtMail> _mails = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _acceptLoop;

    public SmtpSink()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<CaughtMail> Mails => [.. _mails];

    /// <summary>Waits for a caught mail matching <paramref name="match"/> (earlier ones included).</summary>
    public async Task<CaughtMail> WaitForAsync(Func<CaughtMail, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = _mails.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching mail within {timeout}; caught {_mails.Count}.");
            }
        }
    }

    public Task<CaughtMail> WaitForToAsync(string recipient, TimeSpan timeout) =>
        WaitForAsync(m => m.EnvelopeTo.Contains(recipient, StringComparer.OrdinalIgnoreCase), timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop with one of these.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                var session = new SmtpSinkSession(stream);
                await session.RunAsync(Deliver, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // A client that hangs up mid-session is not the sink's problem.
            }
        }
    }

    private void Deliver(string from, IReadOnlyList<string> to, string? authUser, byte[] data)
    {
        var message = MimeMessage.Load(new MemoryStream(data));
        _mails.Enqueue(new CaughtMail(from, to, authUser, message));
        _arrived.Release();
    }

    internal static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
