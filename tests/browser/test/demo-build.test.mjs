// client-demo's production build: it must work offline (built here inside a network namespace
// that has no route out) and produce an app that loads nothing from elsewhere: no CDN, no
// hard-coded server address (it talks to the server that serves it), no superuser settings,
// and the SDK that POCKETBASE_SDK selected.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildCommand, buildEnv, demoDir, demoSdks, installDemoPackages } from "../demo/build.mjs";
import { createNetns, netnsUnavailableReason } from "../lib/netns.mjs";
import { run } from "../lib/process.mjs";

let work;
before(async () => {
  await installDemoPackages(); // outside the namespace: npm needs the network
  work = await mkdtemp(join(tmpdir(), "pbs-demo-build-"));
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

for (const sdk of demoSdks) {
  test(`the demo builds offline with SDK ${sdk.version} into a self-contained app`, { timeout: 180_000 }, async () => {
    const unavailable = netnsUnavailableReason();
    assert.equal(unavailable, "", unavailable);
    const outDir = join(work, sdk.name);
    const ns = await createNetns("pbs-build");
    try {
      const [command, args] = buildCommand(outDir);
      await run(...ns.wrap([command, ...args]), { cwd: demoDir, env: buildEnv(sdk), timeoutMs: 120_000 });
    } finally {
      await ns.destroy();
    }

    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const references = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(references.some((r) => /^\/assets\/.+\.js$/.test(r)), `no bundled script in ${references}`);
    for (const reference of references) {
      assert.match(reference, /^\/(?!\/)/, `index.html loads ${reference} from elsewhere`);
    }

    const files = filesUnder(outDir);
    const code = files.filter((f) => /\.(js|css|html)$/.test(f)).map((f) => readFileSync(f, "utf8")).join("\n");
    assert.doesNotMatch(code, /\b(?:import|from)\s*\(?\s*["'](?:https?:)?\/\//, "a module imported from a URL");
    assert.doesNotMatch(code, /url\(\s*["']?(?:https?:)?\/\//, "a stylesheet resource from a URL");
    assert.doesNotMatch(code, /unpkg\.com|jsdelivr|esm\.sh|skypack|cdnjs/, "a CDN host");
    assert.doesNotMatch(code, /127\.0\.0\.1:8090/, "the dev server address in the production build");
    assert.doesNotMatch(code, /PB_SUPERUSER/, "superuser settings in the bundle");

    const versions = demoSdks.filter((s) => code.includes(`"${s.version}"`)).map((s) => s.version);
    assert.deepEqual(versions, [sdk.version], "the bundle names exactly the selected SDK version");
  });
}
