// Starts a fresh server (empty data dir, free port) for a dashboard test and reads the
// installer link it prints (cli-and-layout.md §5).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dll = join(root, 'src/Server/bin/Release/net10.0/PocketBaseSharp.Server.dll');

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    }).on('error', fail);
  });
}

/**
 * Returns {url, installUrl, log(), stop()}. Waits at most `timeoutMs` for the installer link.
 * By default the Release build of src/Server runs. PBS_TEST_SERVER_CMD may name another
 * executable with the same CLI (`serve --http --dir`), e.g. an upstream `pocketbase` binary to
 * check the dashboard against the reference; a .mjs/.js path is run with node.
 */
export async function startServer({ timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pbs-admin-'));
  const cliArgs = ['serve', '--http', `127.0.0.1:${port}`, '--dir', join(dir, 'pb_data')];
  const other = process.env.PBS_TEST_SERVER_CMD;
  const [command, args] = !other ? ['dotnet', [dll, ...cliArgs]]
    : /\.m?js$/.test(other) ? [process.execPath, [other, ...cliArgs]] : [other, cliArgs];
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const installUrl = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`No installer link within ${timeoutMs} ms. Output:\n${output}`)), timeoutMs);
    const check = () => {
      // Only a complete line: output arrives in chunks that may split the token.
      const match = output.match(/https?:\/\/\S+\/_\/#\/pbinstall\/(\S+)\r?\n/);
      if (match) { clearTimeout(timer); done(`${url}/_/#/pbinstall/${match[1]}`); }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`Server exited (${code}):\n${output}`)); });
    check();
  });
  return {
    url,
    installUrl,
    log: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); done(); }, 5000);
        child.once('exit', () => { clearTimeout(timer); done(); });
        if (child.exitCode !== null) { clearTimeout(timer); done(); }
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
