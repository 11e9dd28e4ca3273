// A minimal SMTP server on a free 127.0.0.1 port for the auth tests: accepts every message and
// keeps its raw text so a test can read tokens and OTP codes from the mail body.
import net from 'node:net';

export async function startSmtpSink() {
  const mails = [];
  const waiters = [];
  const sockets = new Set();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let data = [];
    let from = '';
    let to = [];
    let authStep = null;
    const reply = (line) => socket.write(line + '\r\n');
    reply('220 sink.local ESMTP ready');

    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let index;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const raw = data.join('\r\n');
            const mail = { from, to: [...to], raw, body: decodeBody(raw), subject: header(raw, 'Subject') };
            mails.push(mail);
            for (const w of [...waiters]) {
              if (w.match(mail)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(mail);
              }
            }
            data = [];
            reply('250 OK queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        if (authStep) {
          authStep = authStep === 'login-user' ? 'login-pass' : null;
          reply(authStep ? '334 UGFzc3dvcmQ6' : '235 Authentication successful');
          continue;
        }
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') reply('250-sink.local\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN');
        else if (verb === 'HELO') reply('250 sink.local');
        else if (verb === 'AUTH') {
          const parts = line.split(' ');
          if (parts[1]?.toUpperCase() === 'LOGIN') { authStep = 'login-user'; reply('334 VXNlcm5hbWU6'); }
          else if (parts.length > 2) reply('235 Authentication successful');
          else { authStep = 'plain'; reply('334 '); }
        } else if (verb === 'MAIL') { from = address(line); to = []; reply('250 OK'); }
        else if (verb === 'RCPT') { to.push(address(line)); reply('250 OK'); }
        else if (verb === 'DATA') { inData = true; reply('354 End data with <CR><LF>.<CR><LF>'); }
        else if (verb === 'QUIT') { reply('221 Bye'); socket.end(); }
        else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else reply('502 Command not implemented');
      }
    });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: server.address().port,
    mails,
    /** Resolves with the first mail (already caught or arriving) sent to `recipient`. */
    waitFor(recipient, timeoutMs = 10_000) {
      const match = (m) => m.to.some((t) => t.toLowerCase() === recipient.toLowerCase());
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) { waiters.splice(i, 1); reject(new Error(`no mail to ${recipient} within ${timeoutMs} ms`)); }
        }, timeoutMs).unref();
      });
    },
    clear() { mails.length = 0; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function address(line) {
  const m = /<([^>]*)>/.exec(line);
  return m ? m[1] : line.split(':').slice(1).join(':').trim();
}

function header(raw, name) {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(raw);
  return m ? m[1].trim() : '';
}

// Decodes the quoted-printable and base64 parts of the message so the caller can search plain text.
function decodeBody(raw) {
  const parts = raw.split(/\r\n--[^\r\n]+/);
  return parts.map((part) => {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return '';
    const head = part.slice(0, split);
    const body = part.slice(split + 4);
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      const bytes = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return bytes.toString('utf8');
    }
    return body;
  }).join('\n');
}
