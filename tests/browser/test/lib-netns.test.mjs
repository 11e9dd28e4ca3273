// tests/browser/lib/netns.mjs: a namespace is private (only lo) and is removed with every
// process in it, by destroy() and also when the test process is terminated.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { test } from "node:test";
import { createNetns, netnsUnavailableReason } from "../lib/netns.mjs";
import { run } from "../lib/process.mjs";

const namespaces = () => execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("a namespace has only loopback, up", { timeout: 30_000 }, async (t) => {
  assert.equal(netnsUnavailableReason(), "");
  const ns = await createNetns("pbs-libtest");
  t.after(() => ns.destroy());
  const links = await run(...ns.wrap(["ip", "-o", "link", "show"]), { timeoutMs: 10_000 });
  const names = links.trim().split("\n").map((line) => line.split(":")[1].trim());
  assert.deepEqual(names, ["lo"]);
  assert.match(links, /state UNKNOWN|LOOPBACK,UP/);
  const route = await run(...ns.wrap(["ip", "route", "show"]), { timeoutMs: 10_000 });
  assert.equal(route.trim(), "", "no route out");
});

test("destroy() kills the processes inside and deletes the namespace", { timeout: 30_000 }, async () => {
  const ns = await createNetns("pbs-libtest");
  const [command, args] = ns.wrap(["sleep", "300"]);
  const sleeper = spawn(command, args, { stdio: "ignore" });
  await waitUntil(() => execFileSync("ip", ["netns", "pids", ns.name], { encoding: "utf8" }).trim() !== "", 5_000, "sleep did not start");
  await ns.destroy();
  assert.doesNotMatch(namespaces(), new RegExp(`^${ns.name}\\b`, "m"));
  await waitUntil(() => sleeper.exitCode !== null || sleeper.signalCode !== null, 5_000, "sleep still runs");
});

test("a terminated test process leaves no namespace or process behind", { timeout: 30_000 }, async () => {
  const child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { spawn } from "node:child_process";
       import { createNetns } from ${JSON.stringify(new URL("../lib/netns.mjs", import.meta.url).href)};
       const ns = await createNetns("pbs-libtest");
       const [command, args] = ns.wrap(["sleep", "300"]);
       const sleeper = spawn(command, args, { stdio: "ignore" });
       setTimeout(() => console.log(JSON.stringify({ name: ns.name, pid: sleeper.pid })), 300);
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  await waitUntil(() => output.includes("}"), 10_000, "the child did not create its namespace");
  const { name, pid } = JSON.parse(output);
  assert.match(namespaces(), new RegExp(`^${name}\\b`, "m"));

  child.kill("SIGTERM");
  await waitUntil(() => child.exitCode !== null || child.signalCode !== null, 10_000, "the child did not exit");
  assert.doesNotMatch(namespaces(), new RegExp(`^${name}\\b`, "m"));
  await waitUntil(() => !alive(pid), 5_000, "the process inside survived");
});
