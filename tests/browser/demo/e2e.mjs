// Runs demo/call-scenario.mjs for one SDK: the app is built outside (vite only, offline),
// the scenario runs inside a fresh network namespace that is removed afterwards, whatever
// happened. Resolves with the scenario's details; rejects with a readable report.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNetns } from "../lib/netns.mjs";
import { run } from "../lib/process.mjs";
import { repoRoot } from "../lib/server.mjs";
import { buildCommand, buildEnv, demoDir } from "./build.mjs";

const scenario = join(import.meta.dirname, "call-scenario.mjs");

/**
 * @param {{name: string, version: string}} sdk one of demoSdks
 * @param {{dataFrom?: string, label?: string}} [options] dataFrom: start from a copy of this
 *   data dir; label: sub-directory of .test-results/browser-demo for failure artifacts
 */
export async function runCallScenario(sdk, { dataFrom, label = sdk.name } = {}) {
  const work = await mkdtemp(join(tmpdir(), `pbs-demo-${sdk.name}-`));
  const publicDir = join(work, "pb_public");
  const artifacts = join(repoRoot, ".test-results/browser-demo", label);
  let ns = null;
  let output;
  try {
    await run(...buildCommand(publicDir), { cwd: demoDir, env: buildEnv(sdk), timeoutMs: 120_000 });
    ns = await createNetns("pbs-demo");
    const args = ["node", scenario, "--public-dir", publicDir, "--sdk-version", sdk.version, "--artifacts", artifacts];
    if (dataFrom) args.push("--data-from", dataFrom);
    output = await run(...ns.wrap(args), { timeoutMs: 360_000 }).catch((error) => error.message);
  } finally {
    await ns?.destroy();
    await rm(work, { recursive: true, force: true });
  }

  const line = output.split("\n").findLast((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`the scenario printed no RESULT line:\n${output}`);
  const result = JSON.parse(line.slice("RESULT ".length));
  if (!result.ok) {
    throw new Error(
      [
        `step "${result.step}" failed: ${result.error}`,
        ...result.missing.map((m) => `  missing: ${m}`),
        ...(result.pageLog.length ? ["page log (last lines):", ...result.pageLog.map((l) => `  ${l}`)] : []),
        `screenshots and logs: ${result.artifacts}`,
        "scenario output:",
        output,
      ].join("\n"),
    );
  }
  return result.details;
}
