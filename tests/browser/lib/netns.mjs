// A private network namespace with only `lo` up, for tests whose traffic (HTTP, WebRTC) must
// stay on this machine: see /work/shared/notes/browser-e2e.md. Needs root and iproute2.
// Run npm/apt outside of it; inside there is no route out and no DNS.
import { execFileSync } from "node:child_process";
import { run } from "./process.mjs";

const live = new Set();

/** Why a namespace cannot be created here, or "" when it can. */
export function netnsUnavailableReason() {
  if (process.getuid?.() !== 0) return "network namespaces need root (ip netns exec)";
  try {
    execFileSync("ip", ["-V"], { stdio: "ignore" });
  } catch {
    return "the `ip` command (iproute2) is missing";
  }
  return "";
}

/**
 * Creates namespace `<prefix>-<pid>-<n>` with `lo` up.
 * destroy() kills every process left in it (by PID: TERM, then KILL) and deletes it; it also
 * runs when this node process exits or gets SIGINT/SIGTERM/SIGHUP before destroy() was called.
 * @param {string} [prefix]
 * @returns {Promise<{name: string, wrap: (args: string[]) => [string, string[]], destroy: () => Promise<void>}>}
 */
export async function createNetns(prefix = "pbs-e2e") {
  installExitCleanup();
  const name = `${prefix}-${process.pid}-${live.size + 1}`;
  await run("ip", ["netns", "add", name], { timeoutMs: 10_000 });
  live.add(name);
  try {
    await run("ip", ["netns", "exec", name, "ip", "link", "set", "lo", "up"], { timeoutMs: 10_000 });
  } catch (error) {
    destroySync(name);
    throw error;
  }
  return {
    name,
    /** [command, args] that run `args` inside the namespace: run(...ns.wrap(["node", "x.mjs"])) */
    wrap: (args) => ["ip", ["netns", "exec", name, ...args]],
    destroy: async () => destroySync(name),
  };
}

function pidsIn(name) {
  try {
    return execFileSync("ip", ["netns", "pids", name], { encoding: "utf8", timeout: 5_000 })
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function signal(pids, sig) {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

// Synchronous so that it can also run from a process "exit" handler.
function destroySync(name) {
  if (!live.has(name)) return;
  let pids = pidsIn(name);
  signal(pids, "SIGTERM");
  for (let i = 0; i < 30 && pids.length > 0; i++) {
    execFileSync("sleep", ["0.1"]);
    pids = pidsIn(name);
  }
  signal(pids, "SIGKILL");
  try {
    execFileSync("ip", ["netns", "del", name], { stdio: "ignore", timeout: 10_000 });
  } catch {
    // deleted meanwhile
  }
  live.delete(name);
}

let installed = false;
function installExitCleanup() {
  if (installed) return;
  installed = true;
  process.once("exit", () => {
    for (const name of [...live]) destroySync(name);
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(sig, () => {
      for (const name of [...live]) destroySync(name);
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]);
    });
  }
}
