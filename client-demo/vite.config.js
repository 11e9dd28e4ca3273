// Vite configuration of the demo.
//
// POCKETBASE_SDK picks the pocketbase JS SDK bundled into the app, without touching the app's
// code: "0.19" (default, the version the tutorial pins) or "0.28". It is read from the
// environment or from the .env files, e.g. `POCKETBASE_SDK=0.28 npm run build`.
import { readFileSync } from "node:fs";
import { defineConfig, loadEnv } from "vite";

const sdkPackages = {
  "0.19": "pocketbase",
  "0.28": "pocketbase-0.28",
};

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, import.meta.dirname, "");
  const sdk = process.env.POCKETBASE_SDK || env.POCKETBASE_SDK || "0.19";
  const sdkPackage = sdkPackages[sdk];
  if (!sdkPackage) {
    throw new Error(`POCKETBASE_SDK must be one of ${Object.keys(sdkPackages).join(", ")}, got "${sdk}"`);
  }
  const manifest = new URL(`./node_modules/${sdkPackage}/package.json`, import.meta.url);
  const sdkVersion = JSON.parse(readFileSync(manifest, "utf8")).version;

  return {
    define: { __POCKETBASE_SDK_VERSION__: JSON.stringify(sdkVersion) },
    resolve: {
      alias: [{ find: /^pocketbase$/, replacement: sdkPackage }],
    },
    build: {
      // PocketBaseSharp (and PocketBase) serve this directory with `--publicDir`.
      outDir: "pb_public",
      emptyOutDir: true,
    },
  };
});
