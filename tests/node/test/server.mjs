// Starts the built PocketBaseSharp server on a free loopback port with a temporary data dir.
import { spawn, execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, existsSync, rmSync, copyFileSync, chmodSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const run = promisify(execFile);
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function serverDll() {
  for (const config of ["Release", "Debug"]) {
    const dll = join(repoRoot, "src/Server/bin", config, "net10.0/PocketBaseSharp.Server.dll");
    if (existsSync(dll)) return dll;
  }
  throw new Error("PocketBaseSharp.Server.dll not built; run: dotnet build src/Server -c Release");
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

export async function cli(args) {
  return run("dotnet", [serverDll(), ...args], { timeout: 60_000 });
}

/** Copies the shared upstream pb_data fixture into a temp dir, or returns null when it is absent. */
export function copyFixture() {
  const source = resolve(repoRoot, "..", "shared/fixtures/pocketbase-testdata");
  if (!existsSync(join(source, "data.db"))) return null;
  const dir = mkdtempSync(join(tmpdir(), "pbs-node-fixture-"));
  for (const name of ["data.db", "auxiliary.db"]) {
    copyFileSync(join(source, name), join(dir, name));
    chmodSync(join(dir, name), 0o644);
  }
  return dir;
}

export async function startServer({ dir, superuser = ["admin@example.com", "1234567890"] } = {}) {
  dir ??= mkdtempSync(join(tmpdir(), "pbs-node-"));
  mkdirSync(dir, { recursive: true });
  if (superuser) await cli(["superuser", "upsert", ...superuser, "--dir", dir]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("dotnet", [serverDll(), "serve", "--http", `127.0.0.1:${port}`, "--dir", dir], { stdio: "ignore" });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error("server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
