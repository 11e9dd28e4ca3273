// The built PocketBaseSharp server for browser tests: start it on a free loopback port with a
// temporary data directory, use its CLI, stop it.
//
// The server is the Release build that ./test.sh makes (dotnet build src/Server -c Release);
// it is started with `dotnet <dll>`, never `dotnet run`, so nothing is restored or built here
// (that also works inside a network namespace without network). PBS_SERVER_CMD replaces the
// command, e.g. PBS_SERVER_CMD="dotnet /path/to/other/PocketBaseSharp.Server.dll".
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run, stopProcess } from "./process.mjs";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const serverDll = join(repoRoot, "src/Server/bin/Release/net10.0/PocketBaseSharp.Server.dll");

/** The command (and leading arguments) that runs the server's CLI. */
export function serverCommand() {
  if (process.env.PBS_SERVER_CMD) return process.env.PBS_SERVER_CMD.split(/\s+/).filter(Boolean);
  if (!existsSync(serverDll)) {
    throw new Error(`${serverDll} is missing: build it with "dotnet build src/Server -c Release"`);
  }
  return ["dotnet", serverDll];
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Runs a server CLI command to completion, e.g. `serverCli(["superuser", "upsert", email,
 * password, "--dir", dataDir])`, and resolves with its output.
 * @param {string[]} args
 * @param {{timeoutMs?: number}} [options]
 */
export function serverCli(args, { timeoutMs = 60_000 } = {}) {
  const [command, ...prefix] = serverCommand();
  return run(command, [...prefix, ...args], { timeoutMs });
}

/**
 * Starts `serve --http 127.0.0.1:<free port> --dir <dataDir>` and resolves once
 * GET /api/health answers 200.
 * @param {object} [options]
 * @param {string} [options.dataDir] data directory; default: a new temporary one, deleted by stop()
 * @param {string} [options.publicDir] passed as --publicDir (static files, e.g. a built app)
 * @param {string[]} [options.args] more arguments for `serve`
 * @param {number} [options.startTimeoutMs]
 * @returns {Promise<{url: string, port: number, dataDir: string, process: import("node:child_process").ChildProcess, output: () => string, stop: () => Promise<void>}>}
 */
export async function startServer({ dataDir, publicDir, args = [], startTimeoutMs = 60_000 } = {}) {
  const [command, ...prefix] = serverCommand();
  const ownDataDir = !dataDir;
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "pbs-data-")));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const serveArgs = ["serve", "--http", `127.0.0.1:${port}`, "--dir", dir];
  if (publicDir) serveArgs.push("--publicDir", publicDir);

  const child = spawn(command, [...prefix, ...serveArgs, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));

  const stop = async () => {
    await stopProcess(child);
    if (ownDataDir) await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (response?.status === 200) {
      return { url, port, dataDir: dir, process: child, output: () => output, stop };
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const exited = child.exitCode !== null || child.signalCode !== null;
  await stop();
  throw new Error(
    `server ${exited ? "exited" : `did not answer GET /api/health within ${startTimeoutMs} ms`}: ` +
      `${[command, ...prefix, ...serveArgs, ...args].join(" ")}\n${output}`,
  );
}
