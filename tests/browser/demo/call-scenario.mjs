// The client-demo's acceptance scenario, run INSIDE a network namespace by
// test/demo-webrtc.test.mjs (it can also run on a machine where loopback WebRTC is acceptable):
//
//   1. prepare a fresh data dir with client-demo/scripts/setup.mjs, twice (the second run must
//      change nothing, checked through the API);
//   2. start the server with the built app as --publicDir and probe every server capability the
//      demo needs, reporting each missing one by route;
//   3. page A starts the webcam and creates a call, page B pastes the id, starts its webcam and
//      answers; both peer connections connect and both remote videos play;
//   4. page A hangs up, page B reloads on the realtime delete event, and the call and all its
//      candidates are gone from the database.
//
// Usage: node call-scenario.mjs --public-dir DIR --sdk-version 0.19.0 [--artifacts DIR]
//            [--data-from DIR]   start from a copy of this data dir (e.g. collections made in a
//                                dashboard) instead of an empty one; the setup completes it
// Prints progress, then one line `RESULT <json>`; exits 0 only when everything passed.
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "../lib/browser.mjs";
import { run } from "../lib/process.mjs";
import { repoRoot, serverCommand, startServer } from "../lib/server.mjs";
import { openEventStream } from "./sse.mjs";

const { values: args } = parseArgs({
  options: {
    "public-dir": { type: "string" },
    "sdk-version": { type: "string" },
    artifacts: { type: "string" },
    "data-from": { type: "string" },
  },
});
if (!args["public-dir"] || !args["sdk-version"]) {
  console.error("usage: node call-scenario.mjs --public-dir DIR --sdk-version X.Y.Z [--artifacts DIR]");
  process.exit(2);
}

// The credentials of client-demo/.env (setup.mjs and the built app read the same file).
const demoUser = { email: "test@example.com", password: "Test123456789" };
const superuser = { email: "test@example.com", password: "Test123456789" };
const demoCollections = ["ice_servers", "calls", "offer_candidates", "answer_candidates"];
const sdkVersion = args["sdk-version"];
const legacyTopics = sdkVersion.startsWith("0.19.");

const log = (text) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${text}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ScenarioError extends Error {
  constructor(step, message, missing = []) {
    super(message);
    this.step = step;
    this.missing = missing;
  }
}

// ---- HTTP helpers ----

async function api(baseUrl, method, path, { token, body } = {}) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: token } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: response.status, data, text, headers: response.headers };
}

function expectStatus(response, status, what) {
  if (response.status !== status) {
    throw new Error(`${what} → ${response.status} (expected ${status}) ${String(response.text).slice(0, 300)}`);
  }
  return response.data;
}

async function signIn(baseUrl, collection, credentials) {
  const response = await api(baseUrl, "POST", `/api/collections/${collection}/auth-with-password`, {
    body: { identity: credentials.email, password: credentials.password },
  });
  const data = expectStatus(response, 200, `POST /api/collections/${collection}/auth-with-password`);
  if (typeof data?.token !== "string" || !data.record?.id) {
    throw new Error(`auth-with-password answered without {token, record}: ${response.text.slice(0, 300)}`);
  }
  return data;
}

// Every record of a collection, read as a superuser (no filter syntax needed).
async function allRecords(baseUrl, token, collection) {
  const response = await api(baseUrl, "GET", `/api/collections/${collection}/records?perPage=1000`, { token });
  const { items } = expectStatus(response, 200, `GET /api/collections/${collection}/records`);
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---- 1. data dir ----

async function setupDataDir(dataDir) {
  const setup = join(repoRoot, "client-demo/scripts/setup.mjs");
  const env = { ...process.env, PB_SERVER_CMD: serverCommand().join(" "), PB_START_TIMEOUT_MS: "60000" };
  return run("node", [setup, "--dir", dataDir], { cwd: join(repoRoot, "client-demo"), env, timeoutMs: 150_000 });
}

async function snapshot(baseUrl, token) {
  const state = {};
  for (const name of demoCollections) {
    state[`collection ${name}`] = expectStatus(await api(baseUrl, "GET", `/api/collections/${name}`, { token }), 200, `GET /api/collections/${name}`);
  }
  for (const name of ["ice_servers", "users", "_superusers"]) {
    state[`records ${name}`] = await allRecords(baseUrl, token, name);
  }
  return state;
}

async function checkSnapshotsEqual(before, after) {
  const changed = Object.keys(before).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (changed.length > 0) {
    throw new Error(`a second setup run changed: ${changed.join(", ")}`);
  }
  const urls = after["records ice_servers"].map((r) => r.url).sort();
  const wanted = ["stun:stun1.l.google.com:19302", "stun:stun2.l.google.com:19302"];
  if (JSON.stringify(urls) !== JSON.stringify(wanted)) throw new Error(`ice_servers holds ${JSON.stringify(urls)}`);
  const calls = after["collection calls"];
  if (calls.listRule !== "" || calls.viewRule !== "") throw new Error("calls list/view rules are not public");
  for (const name of ["offer_candidates", "answer_candidates"]) {
    const relation = after[`collection ${name}`].fields.find((f) => f.name === "call_id");
    if (relation?.type !== "relation" || relation.collectionId !== calls.id || relation.cascadeDelete !== true) {
      throw new Error(`${name}.call_id is not a cascading relation to calls: ${JSON.stringify(relation)}`);
    }
  }
}

// ---- 2. capability probes ----

async function probeStaticApp(server) {
  const response = await api(server.url, "GET", "/");
  expectStatus(response, 200, "GET / (pb_public from --publicDir)");
  if (!String(response.text).includes("<title>WebRTC PocketBase Demo</title>")) {
    throw new Error("GET / (pb_public from --publicDir) does not serve the built app's index.html");
  }
  const script = String(response.text).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  const asset = await api(server.url, "GET", script ?? "/assets/missing.js");
  expectStatus(asset, 200, `GET ${script} (pb_public asset)`);
  if (!(asset.headers.get("content-type") ?? "").includes("javascript")) {
    throw new Error(`GET ${script} has Content-Type ${asset.headers.get("content-type")}, not JavaScript (module scripts need it)`);
  }
}

async function probeRecords(server, userToken) {
  const list = expectStatus(
    await api(server.url, "GET", "/api/collections/ice_servers/records?page=1&perPage=500&skipTotal=1", { token: userToken }),
    200,
    "GET ice_servers records with a user token (no Bearer prefix), skipTotal=1",
  );
  if (list.items?.length !== 2 || list.totalItems !== -1) {
    throw new Error(`ice_servers list with skipTotal=1: ${JSON.stringify(list).slice(0, 300)}`);
  }
}

async function probeRealtimeAndCascade(server, user, superToken) {
  const userToken = user.token;
  const stream = await openEventStream(`${server.url}/api/realtime`).catch((error) => {
    throw new Error(`realtime connect: ${error.message}`);
  });
  try {
    const connect = await stream.next(5_000).catch((error) => {
      throw new Error(`realtime: no PB_CONNECT message (${error.message})`);
    });
    const clientId = JSON.parse(connect.data || "{}").clientId;
    if (connect.event !== "PB_CONNECT" || !clientId || connect.id !== clientId) {
      throw new Error(`realtime: PB_CONNECT must carry id:<clientId> (got id "${connect.id}", event "${connect.event}", data ${connect.data})`);
    }

    const call = expectStatus(
      await api(server.url, "POST", "/api/collections/calls/records", { token: userToken, body: { user_id: user.record.id } }),
      200,
      "POST calls record with user_id (what the app sends; ignored unless calls has such a field)",
    );
    const topics = [`calls/${call.id}`, "offer_candidates", "answer_candidates/*"];
    expectStatus(
      await api(server.url, "POST", "/api/realtime", { token: userToken, body: { clientId, subscriptions: topics } }),
      204,
      "POST /api/realtime (subscribe)",
    );

    const event = (name, action, recordId) => (m) => {
      if (m.event !== name) return false;
      const data = JSON.parse(m.data);
      return data.action === action && data.record?.id === recordId;
    };
    const offer = expectStatus(
      await api(server.url, "POST", "/api/collections/offer_candidates/records", {
        token: userToken,
        body: { call_id: call.id, data: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0", sdpMLineIndex: 0 } },
      }),
      200,
      "POST offer_candidates record",
    );
    await stream.next(10_000, event("offer_candidates", "create", offer.id)).catch(() => {
      throw new Error("realtime: no `offer_candidates` create event for the bare topic (what SDK 0.19 subscribes to)");
    });
    const answer = expectStatus(
      await api(server.url, "POST", "/api/collections/answer_candidates/records", {
        token: userToken,
        body: { call_id: call.id, data: { candidate: "candidate:2 1 udp 1 127.0.0.1 9 typ host" } },
      }),
      200,
      "POST answer_candidates record",
    );
    await stream.next(10_000, event("answer_candidates/*", "create", answer.id)).catch(() => {
      throw new Error("realtime: no `answer_candidates/*` create event (what SDK 0.28 subscribes to)");
    });
    expectStatus(
      await api(server.url, "PATCH", `/api/collections/calls/records/${call.id}`, { token: userToken, body: { answer: { type: "answer", sdp: "v=0" } } }),
      200,
      "PATCH calls record",
    );
    const update = await stream.next(10_000, event(`calls/${call.id}`, "update", call.id)).catch(() => {
      throw new Error("realtime: no `calls/<id>` update event");
    });
    if (JSON.parse(update.data).record?.answer?.type !== "answer") {
      throw new Error(`realtime: the update event lacks the json field: ${update.data}`);
    }

    expectStatus(await api(server.url, "DELETE", `/api/collections/calls/records/${call.id}`, { token: userToken }), 204, "DELETE calls record");
    await stream.next(10_000, event("offer_candidates", "delete", offer.id)).catch(() => {
      throw new Error("realtime: no `delete` event for an offer_candidates row removed by the cascade");
    });
    for (const name of ["offer_candidates", "answer_candidates"]) {
      const left = (await allRecords(server.url, superToken, name)).filter((r) => r.call_id === call.id);
      if (left.length > 0) throw new Error(`cascade delete: ${left.length} ${name} row(s) of the deleted call remain`);
    }
  } finally {
    stream.close();
  }
}

async function probeCapabilities(server, superToken) {
  const missing = [];
  const probe = async (name, check) => {
    try {
      await check();
    } catch (error) {
      missing.push(`${name}: ${error.message}`);
    }
  };
  let user = null;
  await probe("static app", () => probeStaticApp(server));
  await probe("user sign-in", async () => {
    user = await signIn(server.url, "users", demoUser);
  });
  if (user) {
    await probe("records", () => probeRecords(server, user.token));
    await probe("realtime and cascade", () => probeRealtimeAndCascade(server, user, superToken));
  }
  if (missing.length > 0) {
    throw new ScenarioError("server capabilities", `the server lacks ${missing.length} capability(ies) the demo needs`, missing);
  }
}

// ---- 3./4. the call in two pages ----

// Records every RTCPeerConnection the (unmodified) app creates.
function trackPeerConnections() {
  const Native = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...options) {
      super(...options);
      window.__peerConnections.push(this);
    }
  };
}

// Runs in the page: remote video and inbound RTP measured over one second.
async function measureRemoteMedia() {
  const pc = window.__peerConnections.at(-1);
  const video = document.getElementById("remoteVideo");
  const inboundBytes = async () => {
    let bytes = 0;
    (await pc.getStats()).forEach((s) => {
      if (s.type === "inbound-rtp") bytes += s.bytesReceived ?? 0;
    });
    return bytes;
  };
  const before = { time: video.currentTime, bytes: await inboundBytes() };
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return {
    connectionState: pc.connectionState,
    width: video.videoWidth,
    height: video.videoHeight,
    timeAdvanced: video.currentTime - before.time,
    bytesGrown: (await inboundBytes()) - before.bytes,
  };
}

async function openDemoPage(context, label, url, pageLog) {
  await context.addInitScript(trackPeerConnections);
  const page = await context.newPage();
  const realtimePosts = [];
  page.on("console", (m) => pageLog.push(`[${label}] console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => pageLog.push(`[${label}] pageerror: ${e.message}`));
  page.on("requestfailed", (r) => pageLog.push(`[${label}] requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/realtime") realtimePosts.push(r.postDataJSON());
  });
  await page.goto(url, { timeout: 30_000 });
  await waitForReady(page, label);
  const shown = await page.textContent("#sdkVersion");
  if (shown !== sdkVersion) throw new Error(`page ${label} runs SDK ${shown}, expected ${sdkVersion}`);
  return { page, realtimePosts };
}

async function waitForReady(page, label) {
  await page.waitForFunction(() => document.body.dataset.state !== "starting", null, { timeout: 30_000 });
  const state = await page.evaluate(() => [document.body.dataset.state, document.getElementById("status").textContent]);
  if (state[0] !== "ready") throw new Error(`page ${label} did not get ready: ${state[1]}`);
}

async function waitForMedia(page, label) {
  const deadline = Date.now() + 30_000;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate(measureRemoteMedia);
    const plays = last.width > 0 && (last.timeAdvanced > 0 || last.bytesGrown > 0);
    if (last.connectionState === "connected" && plays) return last;
    await sleep(250);
  }
  throw new Error(`page ${label}: the remote video does not play within 30 s: ${JSON.stringify(last)}`);
}

async function runCall(browser, server, superToken, pageLog, details, pages) {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await openDemoPage(contextA, "A", server.url, pageLog);
  pages.A = a.page;
  const b = await openDemoPage(contextB, "B", server.url, pageLog);
  pages.B = b.page;

  log("A: start webcam, create call");
  await a.page.click("#webcamButton");
  await a.page.waitForSelector("#callButton:not([disabled])", { timeout: 30_000 });
  await a.page.click("#callButton");
  await a.page.waitForFunction(() => document.body.dataset.state !== "ready", null, { timeout: 30_000 });
  const callId = await a.page.inputValue("#callInput");
  if (!/^[a-z0-9]{15}$/.test(callId)) throw new Error(`page A shows no call id: "${callId}" (${await a.page.textContent("#status")})`);
  await a.page.waitForSelector("#hangupButton:not([disabled])", { timeout: 30_000 });
  details.callId = callId;

  log(`B: paste ${callId}, start webcam, answer`);
  await b.page.fill("#callInput", callId);
  await b.page.click("#webcamButton");
  await b.page.waitForSelector("#answerButton:not([disabled])", { timeout: 30_000 });
  await b.page.click("#answerButton");
  await b.page.waitForFunction(() => document.body.dataset.state !== "ready", null, { timeout: 30_000 });
  const answered = await b.page.evaluate(() => [document.body.dataset.state, document.getElementById("status").textContent]);
  if (answered[0] !== "answered") throw new Error(`page B could not answer: ${answered[1]}`);

  log("both: wait for the remote video");
  details.mediaA = await waitForMedia(a.page, "A");
  details.mediaB = await waitForMedia(b.page, "B");

  const call = expectStatus(await api(server.url, "GET", `/api/collections/calls/records/${callId}`, { token: superToken }), 200, "GET the call");
  if (call.offer?.type !== "offer" || call.answer?.type !== "answer") throw new Error(`the call lacks its offer or answer: ${JSON.stringify(call).slice(0, 200)}`);
  for (const name of ["offer_candidates", "answer_candidates"]) {
    const rows = (await allRecords(server.url, superToken, name)).filter((r) => r.call_id === callId);
    details[`${name} during the call`] = rows.length;
    if (rows.length === 0) throw new Error(`no ${name} were stored for the call`);
  }

  const topic = legacyTopics ? "answer_candidates" : "answer_candidates/*";
  const subscribed = a.realtimePosts.some((p) => p?.subscriptions?.includes(topic) && p.subscriptions.includes(`calls/${callId}`));
  if (!subscribed) throw new Error(`page A never subscribed to ["calls/${callId}", "${topic}"]: ${JSON.stringify(a.realtimePosts)}`);

  log("A: hang up; B must reload");
  const reloadA = a.page.waitForEvent("load", { timeout: 30_000 });
  const reloadB = b.page.waitForEvent("load", { timeout: 30_000 });
  await a.page.click("#hangupButton");
  await reloadA.catch(() => {
    throw new Error("page A did not reload after hanging up");
  });
  await reloadB.catch(() => {
    throw new Error("page B did not reload after the hangup (it reloads on the realtime delete event of offer_candidates)");
  });
  await waitForReady(a.page, "A");
  await waitForReady(b.page, "B");

  const gone = await api(server.url, "GET", `/api/collections/calls/records/${callId}`, { token: superToken });
  if (gone.status !== 404) throw new Error(`the call still exists after the hangup (GET → ${gone.status})`);
  for (const name of ["offer_candidates", "answer_candidates"]) {
    const rows = (await allRecords(server.url, superToken, name)).filter((r) => r.call_id === callId);
    if (rows.length > 0) throw new Error(`${rows.length} ${name} of the call remain after the hangup`);
  }
}

// ---- main ----

async function main() {
  const work = await mkdtemp(join(tmpdir(), "pbs-demo-e2e-"));
  const dataDir = join(work, "pb_data");
  const details = { sdkVersion };
  const pageLog = [];
  const pages = {};
  let step = "setup";
  let server = null;
  let browser = null;
  let serverOutput = "";
  try {
    if (args["data-from"]) await cp(args["data-from"], dataDir, { recursive: true });
    log("setup (first run)");
    details.setupFirstRun = (await setupDataDir(dataDir)).trim().split("\n").at(-1);

    step = "setup idempotence";
    server = await startServer({ dataDir, publicDir: args["public-dir"] });
    let superToken = (await signIn(server.url, "_superusers", superuser)).token;
    const before = await snapshot(server.url, superToken);
    serverOutput += server.output();
    await server.stop();
    server = null;
    log("setup (second run)");
    const second = await setupDataDir(dataDir);
    if (!second.includes("setup: 0 change(s)")) throw new Error(`the second setup run reported changes:\n${second}`);

    step = "server start";
    server = await startServer({ dataDir, publicDir: args["public-dir"] });
    superToken = (await signIn(server.url, "_superusers", superuser)).token;
    step = "setup idempotence";
    await checkSnapshotsEqual(before, await snapshot(server.url, superToken));

    log("probe the server");
    step = "server capabilities";
    await probeCapabilities(server, superToken);

    step = "call in two pages";
    log("launch chromium");
    browser = await launchChromium({ loopbackPeerConnection: true });
    await runCall(browser, server, superToken, pageLog, details, pages);
    log("passed");
    return { ok: true, details };
  } catch (error) {
    if (args.artifacts) await saveArtifacts(pages, pageLog, () => serverOutput + (server?.output() ?? "")).catch(() => {});
    return {
      ok: false,
      step: error.step ?? step,
      error: error.message,
      missing: error.missing ?? [],
      details,
      pageLog: pageLog.slice(-40),
      artifacts: args.artifacts ?? null,
    };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function saveArtifacts(pages, pageLog, serverOutput) {
  await mkdir(args.artifacts, { recursive: true });
  for (const [label, page] of Object.entries(pages)) {
    await page.screenshot({ path: join(args.artifacts, `page-${label}.png`), timeout: 5_000 }).catch(() => {});
  }
  await writeFile(join(args.artifacts, "pages.log"), pageLog.join("\n") + "\n");
  await writeFile(join(args.artifacts, "server.log"), serverOutput());
}

const result = await main();
console.log(`RESULT ${JSON.stringify(result)}`);
process.exitCode = result.ok ? 0 : 1;
