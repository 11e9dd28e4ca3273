#!/usr/bin/env node
// Prepares a PocketBaseSharp (or PocketBase) data directory for the demo:
//   - a superuser (created with the server's `superuser upsert` command if it cannot sign in),
//   - the collections of pb_schema.json with their rules and cascade settings,
//   - the two STUN servers in `ice_servers`,
//   - the demo user the app signs in as.
// Idempotent: what is already as wanted is left untouched, so a second run changes nothing.
//
// Usage (from client-demo/):
//   node scripts/setup.mjs [--dir pb_data] [--server "dotnet ../src/Server/bin/Release/net10.0/PocketBaseSharp.Server.dll"]
//       starts the server on the data directory on a free loopback port for the duration of the
//       setup (the data directory must not be in use by another server process);
//   node scripts/setup.mjs --url http://127.0.0.1:8090
//       uses a server that is already running; the superuser must already exist.
// Credentials come from .env / .env.local or the environment: VITE_POCKETBASE_USERNAME,
// VITE_POCKETBASE_PASSWORD (the demo user), PB_SUPERUSER_EMAIL, PB_SUPERUSER_PASSWORD.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadEnv } from "vite";

const demoDir = resolve(import.meta.dirname, "..");
const repoDir = resolve(demoDir, "..");
const stunUrls = ["stun:stun1.l.google.com:19302", "stun:stun2.l.google.com:19302"];
const startTimeoutMs = Number(process.env.PB_START_TIMEOUT_MS || 180_000);

const { values: args } = parseArgs({
  options: {
    dir: { type: "string" },
    url: { type: "string" },
    server: { type: "string" },
    mode: { type: "string", default: "development" },
  },
});

const env = loadEnv(args.mode, demoDir, "");
const user = { email: env.VITE_POCKETBASE_USERNAME, password: env.VITE_POCKETBASE_PASSWORD };
const superuser = { email: env.PB_SUPERUSER_EMAIL, password: env.PB_SUPERUSER_PASSWORD };
let changes = 0;
const report = (changed, text) => {
  if (changed) changes++;
  console.log(`${changed ? "changed  " : "unchanged"} ${text}`);
};

// Stops the setup; main() still stops the temporary server before the process exits.
function fail(message) {
  throw new SetupError(message);
}

class SetupError extends Error {}

function checkCredentials() {
  for (const [name, value] of Object.entries({
    VITE_POCKETBASE_USERNAME: user.email,
    VITE_POCKETBASE_PASSWORD: user.password,
    PB_SUPERUSER_EMAIL: superuser.email,
    PB_SUPERUSER_PASSWORD: superuser.password,
  })) {
    if (!value) fail(`${name} is not set (see client-demo/.env)`);
  }
  if (!user.email.includes("@")) {
    fail("VITE_POCKETBASE_USERNAME must be an email: the users collection signs in by email");
  }
}

// ---- server process (only with --dir) ----

function serverCommand() {
  const given = args.server || process.env.PB_SERVER_CMD;
  if (given) return given.split(/\s+/).filter(Boolean);
  for (const config of ["Release", "Debug"]) {
    const dll = join(repoDir, "src/Server/bin", config, "net10.0/PocketBaseSharp.Server.dll");
    if (existsSync(dll)) return ["dotnet", dll];
  }
  return ["dotnet", "run", "--project", join(repoDir, "src/Server"), "--"];
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

function run(command, commandArgs, timeoutMs) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveRun(output);
      else reject(new Error(`${[command, ...commandArgs].join(" ")} exited with ${code ?? signal}:\n${output}`));
    });
  });
}

async function startServer(dataDir) {
  const [command, ...prefix] = serverCommand();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(command, [...prefix, "serve", "--http", `127.0.0.1:${port}`, "--dir", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolveExit) => child.once("exit", resolveExit));

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (response?.ok) {
      return {
        url,
        async stop() {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await exited;
          clearTimeout(timer);
        },
      };
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  child.kill("SIGKILL");
  fail(`the server did not answer GET /api/health within ${startTimeoutMs} ms:\n${output}`);
}

async function superuserUpsert(dataDir) {
  const [command, ...prefix] = serverCommand();
  await run(command, [...prefix, "superuser", "upsert", superuser.email, superuser.password, "--dir", dataDir], startTimeoutMs);
}

// ---- HTTP ----

async function api(baseUrl, method, path, { token, body } = {}) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: token } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: response.status, data };
}

async function expectOk(description, promise) {
  const response = await promise;
  if (response.status < 200 || response.status > 299) {
    fail(`${description}: HTTP ${response.status} ${JSON.stringify(response.data)}`);
  }
  return response.data;
}

async function signIn(baseUrl, collection, credentials) {
  const response = await api(baseUrl, "POST", `/api/collections/${collection}/auth-with-password`, {
    body: { identity: credentials.email, password: credentials.password },
  });
  return response.status === 200 ? response.data.token : null;
}

// ---- collections ----

const ruleKeys = ["listRule", "viewRule", "createRule", "updateRule", "deleteRule"];
const isSingle = (field) => (field.maxSelect ?? 0) <= 1;

// Which wanted settings an existing collection lacks ("" when it has them all).
function collectionDifferences(existing, wanted, idsByName) {
  const differences = [];
  for (const key of ruleKeys) {
    if (existing[key] !== wanted[key]) differences.push(`${key} is ${JSON.stringify(existing[key])}`);
  }
  for (const field of wanted.fields.filter((f) => !f.system)) {
    const have = existing.fields.find((f) => f.name === field.name);
    if (!have) {
      differences.push(`no field ${field.name}`);
    } else if (have.type !== field.type) {
      differences.push(`field ${field.name} is a ${have.type}`);
    } else if (field.type === "relation") {
      const target = idsByName.get("calls");
      if (have.collectionId !== target) differences.push(`${field.name} points elsewhere`);
      if (have.cascadeDelete !== field.cascadeDelete) differences.push(`${field.name} cascadeDelete is ${have.cascadeDelete}`);
      if (isSingle(have) !== isSingle(field)) differences.push(`${field.name} is multiple`);
      if (have.required !== field.required) differences.push(`${field.name} required is ${have.required}`);
    }
  }
  return differences.join(", ");
}

// The wanted collection expressed on top of the existing one: existing ids (of the collection,
// its fields and the related collection) and existing extra fields are kept.
function mergeCollection(existing, wanted, idsByName) {
  const fields = (existing?.fields ?? []).map((field) => ({ ...field }));
  for (const field of wanted.fields) {
    const adapted = { ...field };
    if (adapted.type === "relation") adapted.collectionId = idsByName.get("calls");
    const index = fields.findIndex((f) => f.name === field.name);
    if (index >= 0) fields[index] = { ...fields[index], ...adapted, id: fields[index].id };
    else fields.push(adapted);
  }
  return { ...(existing ?? {}), ...wanted, id: existing?.id ?? wanted.id, fields };
}

async function setUpCollections(baseUrl, token) {
  const schema = JSON.parse(readFileSync(join(demoDir, "pb_schema.json"), "utf8"));
  const existing = new Map();
  for (const collection of schema) {
    const response = await api(baseUrl, "GET", `/api/collections/${collection.name}`, { token });
    if (response.status === 200) existing.set(collection.name, response.data);
    else if (response.status !== 404) fail(`GET /api/collections/${collection.name}: HTTP ${response.status}`);
  }
  const idsByName = new Map(schema.map((c) => [c.name, existing.get(c.name)?.id ?? c.id]));

  const pending = [];
  for (const collection of schema) {
    const have = existing.get(collection.name);
    const differences = have ? collectionDifferences(have, collection, idsByName) : "missing";
    if (differences) pending.push(collection.name);
    report(Boolean(differences), `collection ${collection.name}${differences ? ` (was: ${differences})` : ""}`);
  }
  if (pending.length === 0) return;

  const collections = schema
    .filter((c) => pending.includes(c.name))
    .map((c) => mergeCollection(existing.get(c.name), c, idsByName));
  await expectOk(
    "PUT /api/collections/import",
    api(baseUrl, "PUT", "/api/collections/import", { token, body: { collections, deleteMissing: false } }),
  );
}

// ---- records ----

const filterValue = (value) => `'${String(value).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

async function setUpIceServers(baseUrl, token) {
  const list = await expectOk(
    "list ice_servers",
    api(baseUrl, "GET", "/api/collections/ice_servers/records?perPage=500", { token }),
  );
  const present = new Set(list.items.map((record) => record.url));
  for (const url of stunUrls) {
    if (!present.has(url)) {
      await expectOk(`create ice_servers ${url}`, api(baseUrl, "POST", "/api/collections/ice_servers/records", { token, body: { url } }));
    }
    report(!present.has(url), `ice_servers record ${url}`);
  }
}

async function setUpUser(baseUrl, token) {
  if (await signIn(baseUrl, "users", user)) {
    report(false, `user ${user.email}`);
    return;
  }
  const filter = encodeURIComponent(`email = ${filterValue(user.email)}`);
  const found = await expectOk(
    "find the demo user",
    api(baseUrl, "GET", `/api/collections/users/records?filter=${filter}`, { token }),
  );
  const password = { password: user.password, passwordConfirm: user.password };
  if (found.items.length > 0) {
    const id = found.items[0].id;
    await expectOk("reset the demo user's password", api(baseUrl, "PATCH", `/api/collections/users/records/${id}`, { token, body: password }));
    report(true, `user ${user.email} (password reset to the one in .env)`);
  } else {
    await expectOk("create the demo user", api(baseUrl, "POST", "/api/collections/users/records", { token, body: { email: user.email, ...password } }));
    report(true, `user ${user.email} (created)`);
  }
  if (!(await signIn(baseUrl, "users", user))) fail(`the demo user ${user.email} still cannot sign in`);
}

// ---- main ----

async function main() {
  checkCredentials();
  if (args.url && args.dir) fail("give either --url or --dir, not both");
  let server = null;
  let baseUrl = args.url?.replace(/\/+$/, "");
  const dataDir = args.url ? null : resolve(args.dir ?? join(demoDir, "pb_data"));

  try {
    if (dataDir) {
      server = await startServer(dataDir);
      baseUrl = server.url;
    }
    let token = await signIn(baseUrl, "_superusers", superuser);
    if (!token && dataDir) {
      // Sign-in failed: create the superuser (or set its password) with the server's CLI,
      // which works on the data directory while no server holds it.
      await server.stop();
      server = null;
      await superuserUpsert(dataDir);
      server = await startServer(dataDir);
      baseUrl = server.url;
      token = await signIn(baseUrl, "_superusers", superuser);
      report(true, `superuser ${superuser.email}`);
    } else if (token) {
      report(false, `superuser ${superuser.email}`);
    }
    if (!token) fail(`cannot sign in as the superuser ${superuser.email} at ${baseUrl}`);

    await setUpCollections(baseUrl, token);
    await setUpIceServers(baseUrl, token);
    await setUpUser(baseUrl, token);
    console.log(`setup: ${changes} change(s)${dataDir ? ` in ${dataDir}` : ` at ${baseUrl}`}`);
  } finally {
    await server?.stop();
  }
}

await main().catch((error) => {
  console.error(`setup: ${error instanceof SetupError ? error.message : error.stack}`);
  process.exitCode = 1;
});
