// End-to-end test of client-demo (the WebRTC call app) against the built server, once per SDK
// generation (demo/call-scenario.mjs, run in a private network namespace by demo/e2e.mjs):
// fresh data dir, `npm run setup` twice, a call between two chromium pages with fake cameras,
// the hangup, the answerer's reload and the cascade.
// Alone: cd tests/browser && node --test test/demo-webrtc.test.mjs   (root; Release build)
// PBS_DEMO_DATA_FROM=<data dir> starts from a copy of that data dir instead of an empty one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { demoSdks, installDemoPackages } from "../demo/build.mjs";
import { runCallScenario } from "../demo/e2e.mjs";
import { netnsUnavailableReason } from "../lib/netns.mjs";
import { serverCommand } from "../lib/server.mjs";

for (const sdk of demoSdks) {
  test(`client-demo: a call between two pages, hangup and cascade (SDK ${sdk.version})`, { timeout: 420_000 }, async (t) => {
    const unavailable = netnsUnavailableReason();
    assert.equal(unavailable, "", unavailable);
    serverCommand(); // fails early with a clear message when the Release build is missing
    await installDemoPackages(); // outside the namespace: npm needs the network

    const details = await runCallScenario(sdk, { dataFrom: process.env.PBS_DEMO_DATA_FROM });
    assert.ok(details.mediaA.width > 0 && details.mediaB.width > 0);
    t.diagnostic(JSON.stringify(details));
  });
}
