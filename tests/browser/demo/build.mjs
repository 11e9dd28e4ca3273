// Installing and building client-demo for the tests. npm needs the network: call
// installDemoPackages() outside any network namespace.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { run } from "../lib/process.mjs";
import { repoRoot } from "../lib/server.mjs";

export const demoDir = join(repoRoot, "client-demo");

/** The SDKs the demo can be built with: POCKETBASE_SDK value and the exact package version. */
export const demoSdks = [
  { name: "0.19", version: "0.19.0" },
  { name: "0.28", version: "0.28.1" },
];

/** `npm ci` in client-demo unless its packages are installed and newer than its lock file. */
export async function installDemoPackages() {
  const installed = join(demoDir, "node_modules/.package-lock.json");
  const locked = join(demoDir, "package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(locked).mtimeMs) return;
  await run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: demoDir, timeoutMs: 300_000 });
}

/**
 * argv of a production build of the demo into `outDir` (`vite build`, no npm involved), to be
 * run with run(...) directly or wrapped into a network namespace; pass the env of buildEnv().
 */
export function buildCommand(outDir) {
  const vite = join(demoDir, "node_modules/vite/bin/vite.js");
  return ["node", [vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"]];
}

/** Environment that selects the SDK for the build. */
export function buildEnv(sdk) {
  return { ...process.env, POCKETBASE_SDK: sdk.name };
}
