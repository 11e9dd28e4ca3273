// End-to-end test of client-demo (the WebRTC call app) against the built server, once per SDK
// generation. Run it alone with: cd tests/browser && node --test test/demo-webrtc.test.mjs
//
// Outside the namespace (npm needs the network): install client-demo's packages if needed and
// build the app with the SDK under test. Inside a fresh network namespace with only `lo`: the
// scenario of ../demo/call-scenario.mjs (server, setup, probes, chromium, two pages).
// The namespace and everything in it are removed afterwards, whatever happened.
// PBS_DEMO_DATA_FROM=<data dir> starts from a copy of that data dir (e.g. one whose collections
// were defined through the dashboard) instead of an empty one.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createNetns, netnsUnavailableReason } from "../lib/netns.mjs";
import { run } from "../lib/process.mjs";
import { repoRoot, serverCommand } from "../lib/server.mjs";
import { buildCommand, buildEnv, demoDir, demoSdks, installDemoPackages } from "../demo/build.mjs";

const scenario = join(import.meta.dirname, "../demo/call-scenario.mjs");

function lastResult(output) {
  const line = output.split("\n").findLast((l) => l.startsWith("RESULT "));
  return line ? JSON.parse(line.slice("RESULT ".length)) : null;
}

for (const sdk of demoSdks) {
  test(`client-demo: a call between two pages, hangup and cascade (SDK ${sdk.version})`, { timeout: 420_000 }, async (t) => {
    const unavailable = netnsUnavailableReason();
    assert.equal(unavailable, "", unavailable);
    serverCommand(); // fails early with a clear message when the Release build is missing
    await installDemoPackages();

    const work = await mkdtemp(join(tmpdir(), `pbs-demo-${sdk.name}-`));
    const publicDir = join(work, "pb_public");
    const artifacts = join(repoRoot, ".test-results/browser-demo", sdk.name);
    let ns = null;
    try {
      await run(...buildCommand(publicDir), { cwd: demoDir, env: buildEnv(sdk), timeoutMs: 120_000 });
      ns = await createNetns("pbs-demo");
      const scenarioArgs = ["node", scenario, "--public-dir", publicDir, "--sdk-version", sdk.version, "--artifacts", artifacts];
      if (process.env.PBS_DEMO_DATA_FROM) scenarioArgs.push("--data-from", process.env.PBS_DEMO_DATA_FROM);
      let output;
      try {
        output = await run(...ns.wrap(scenarioArgs), { timeoutMs: 360_000 });
      } catch (error) {
        output = error.message;
      }
      const result = lastResult(output);
      assert.ok(result, `the scenario printed no RESULT line:\n${output}`);
      if (!result.ok) {
        const lines = [
          `step "${result.step}" failed: ${result.error}`,
          ...result.missing.map((m) => `  missing: ${m}`),
          ...(result.pageLog.length ? ["page log (last lines):", ...result.pageLog.map((l) => `  ${l}`)] : []),
          `screenshots and logs: ${result.artifacts}`,
          "scenario output:",
          output,
        ];
        assert.fail(lines.join("\n"));
      }
      assert.ok(result.details.mediaA.width > 0 && result.details.mediaB.width > 0);
      t.diagnostic(JSON.stringify(result.details));
    } finally {
      await ns?.destroy();
      await rm(work, { recursive: true, force: true });
    }
  });
}
