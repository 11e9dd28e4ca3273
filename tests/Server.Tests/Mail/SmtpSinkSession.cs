using System.Text;

namespace PocketBaseSharp.Server.Tests.Mail;

/// <summary>The command loop of one SMTP connection to <see cref="SmtpSink"/>.</summary>
internal sealed class SmtpSinkSession(Stream stream)
{
    private readonly StreamReader _reader = new(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
    private string _from = "";
    private readonly List<string> _to = [];
    private string? _authUser;

    public async Task RunAsync(Action<string, IReadOnlyList<string>, string?, byte[]> deliver, CancellationToken ct)
    {
        await ReplyAsync("220 sink.local ESMTP ready", ct);
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var arg = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            switch (verb)
            {
                case "EHLO":
                    await ReplyAsync("250-sink.local\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 52428800", ct);
                    break;
                case "HELO":
                    await ReplyAsync("250 sink.local", ct);
                    break;
                case "AUTH":
                    await AuthAsync(arg, ct);
                    break;
                case "MAIL":
                    _from = Address(arg);
                    _to.Clear();
                    await ReplyAsync("250 OK", ct);
                    break;
                case "RCPT":
                    _to.Add(Address(arg));
                    await ReplyAsync("250 OK", ct);
                    break;
                case "DATA":
                    await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", ct);
                    deliver(_from, [.. _to], _authUser, await ReadDataAsync(ct));
                    _to.Clear();
                    await ReplyAsync("250 OK queued", ct);
                    break;
                case "RSET":
                    _from = "";
                    _to.Clear();
                    await ReplyAsync("250 OK", ct);
                    break;
                case "NOOP":
                    await ReplyAsync("250 OK", ct);
                    break;
                case "QUIT":
                    await ReplyAsync("221 Bye", ct);
                    return;
                default:
                    await ReplyAsync("502 Command not implemented", ct);
                    break;
            }
        }
    }

    private async Task AuthAsync(string arg, CancellationToken ct)
    {
        var parts = arg.Split(' ', 2);
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var payload = parts.Length > 1 ? parts[1] : await ChallengeAsync("", ct);
            // authzid \0 authcid \0 password
            _authUser = Decode(payload).Split('\0').ElementAtOrDefault(1);
        }
        else if (parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            _authUser = Decode(parts.Length > 1 ? parts[1] : await ChallengeAsync("VXNlcm5hbWU6", ct));
            await ChallengeAsync("UGFzc3dvcmQ6", ct);
        }
        else
        {
            await ReplyAsync("504 Unrecognized authentication type", ct);
            return;
        }

        await ReplyAsync("235 Authentication successful", ct);
    }

    private async Task<string> ChallengeAsync(string prompt, CancellationToken ct)
    {
        await ReplyAsync("334 " + prompt, ct);
        return await _reader.ReadLineAsync(ct) ?? "";
    }

    private async Task<byte[]> ReadDataAsync(CancellationToken ct)
    {
        var data = new MemoryStream();
        while (await _reader.ReadLineAsync(ct) is { } line && line != ".")
        {
            // Dot-stuffing: a leading dot was doubled by the client.
            var unstuffed = line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line;
            var bytes = Encoding.Latin1.GetBytes(unstuffed + "\r\n");
            data.Write(bytes);
        }

        return data.ToArray();
    }

    private async Task ReplyAsync(string text, CancellationToken ct)
    {
        await stream.WriteAsync(SmtpSink.Ascii(text + "\r\n"), ct);
        await stream.FlushAsync(ct);
    }

    private static string Address(string arg)
    {
        var start = arg.IndexOf('<');
        var end = arg.IndexOf('>');
        return start >= 0 && end > start ? arg[(start + 1)..end] : arg;
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
}
