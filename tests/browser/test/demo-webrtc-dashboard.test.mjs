// client-demo against collections defined through our dashboard instead of pb_schema.json:
// the four collections are made by clicking (as in the tutorial, with calls.user_id too), the
// setup must accept them as they are, and the call scenario then runs on a copy of that data
// dir, once per SDK.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { newPage } from "../admin/browser.mjs";
import { addField, newCollection, saveCollection, setRule, signIn, SUPERUSER } from "../admin/dashboard.mjs";
import { demoDir, demoSdks, installDemoPackages } from "../demo/build.mjs";
import { runCallScenario } from "../demo/e2e.mjs";
import { launchChromium } from "../lib/browser.mjs";
import { netnsUnavailableReason } from "../lib/netns.mjs";
import { run } from "../lib/process.mjs";
import { serverCli, serverCommand, startServer } from "../lib/server.mjs";

const signedIn = "@request.auth.id != ''";
const allRules = ["listRule", "viewRule", "createRule", "updateRule", "deleteRule"];

let work;
let dataDir;
let defined = false;
before(async () => {
  await installDemoPackages();
  work = await mkdtemp(join(tmpdir(), "pbs-demo-dashboard-"));
  dataDir = join(work, "pb_data");
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function relation(page, name, target) {
  const card = await addField(page, "relation", name);
  await card.getByLabel("Collection").selectOption({ label: target });
  await card.getByLabel("Nonempty").check();
  await card.getByLabel("Cascade delete").check();
}

test("the demo's collections are defined through the dashboard", { timeout: 180_000 }, async () => {
  await serverCli(["superuser", "upsert", SUPERUSER.email, SUPERUSER.password, "--dir", dataDir]);
  const server = await startServer({ dataDir });
  const browser = await launchChromium();
  try {
    const page = await newPage(browser);
    await signIn(page, server.url);

    await newCollection(page, "ice_servers");
    await addField(page, "text", "url");
    await setRule(page, "listRule", signedIn);
    await setRule(page, "viewRule", signedIn);
    await saveCollection(page, "ice_servers");

    await newCollection(page, "calls");
    await relation(page, "user_id", "users");
    await addField(page, "json", "offer");
    await addField(page, "json", "answer");
    await setRule(page, "listRule", "");
    await setRule(page, "viewRule", "");
    for (const rule of allRules.slice(2)) await setRule(page, rule, signedIn);
    await saveCollection(page, "calls");

    for (const name of ["offer_candidates", "answer_candidates"]) {
      await newCollection(page, name);
      await relation(page, "call_id", "calls");
      await addField(page, "json", "data");
      for (const rule of allRules) await setRule(page, rule, signedIn);
      await saveCollection(page, name);
    }
    assert.deepEqual(page.problems.filter((p) => p.startsWith("pageerror")), []);
  } finally {
    await browser.close();
    await server.stop();
  }

  // The setup takes the collections as they are and only adds the records and the user.
  const output = await run("node", [join(demoDir, "scripts/setup.mjs"), "--dir", dataDir], {
    cwd: demoDir,
    env: { ...process.env, PB_SERVER_CMD: serverCommand().join(" ") },
    timeoutMs: 150_000,
  });
  for (const name of ["ice_servers", "calls", "offer_candidates", "answer_candidates"]) {
    assert.match(output, new RegExp(`^unchanged collection ${name}$`, "m"), output);
  }
  defined = true;
});

for (const sdk of demoSdks) {
  test(`client-demo on the dashboard-defined collections (SDK ${sdk.version})`, { timeout: 420_000 }, async (t) => {
    const unavailable = netnsUnavailableReason();
    assert.equal(unavailable, "", unavailable);
    assert.ok(defined, "needs the data dir of the previous test, which failed");
    const details = await runCallScenario(sdk, { dataFrom: dataDir, label: `dashboard-${sdk.name}` });
    assert.ok(details.mediaA.width > 0 && details.mediaB.width > 0);
    t.diagnostic(JSON.stringify(details));
  });
}
