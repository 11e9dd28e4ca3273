// tests/browser/lib/browser.mjs: chromium starts with fake media and, inside a network
// namespace with only `lo`, two pages connect over WebRTC (loopback host candidates) and
// receive each other's video. This is the environment the demo e2e test relies on; when it
// fails, the problem is the machine or chromium, not the server.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { launchChromium } from "../lib/browser.mjs";
import { createNetns, netnsUnavailableReason } from "../lib/netns.mjs";
import { run } from "../lib/process.mjs";

test("chromium grants the fake camera and microphone", { timeout: 60_000 }, async () => {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.route("http://localhost/**", (route) => route.fulfill({ body: "<!DOCTYPE html><p>media</p>", contentType: "text/html" }));
    await page.goto("http://localhost/", { timeout: 10_000 });
    const tracks = await page.evaluate(async () => {
      const media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      const settings = media.getVideoTracks()[0].getSettings();
      return { kinds: media.getTracks().map((t) => t.kind).sort(), width: settings.width, height: settings.height };
    });
    assert.deepEqual(tracks.kinds, ["audio", "video"]);
    assert.ok(tracks.width > 0 && tracks.height > 0, JSON.stringify(tracks));
  } finally {
    await browser.close();
  }
});

test("two pages in a loopback-only namespace connect over WebRTC", { timeout: 90_000 }, async () => {
  const unavailable = netnsUnavailableReason();
  assert.equal(unavailable, "", unavailable);
  const ns = await createNetns("pbs-webrtc");
  let output;
  try {
    output = await run(...ns.wrap(["node", join(import.meta.dirname, "fixtures/loopback-call.mjs")]), { timeoutMs: 60_000 })
      .catch((error) => error.message);
  } finally {
    await ns.destroy();
  }
  const line = output.split("\n").findLast((l) => l.startsWith("RESULT "));
  assert.ok(line, output);
  const result = JSON.parse(line.slice("RESULT ".length));
  assert.ok(result.ok, output);
  for (const page of result.states) {
    assert.equal(page.connection, "connected");
    assert.ok(page.candidates > 0 && page.width > 0, JSON.stringify(page));
  }
});
