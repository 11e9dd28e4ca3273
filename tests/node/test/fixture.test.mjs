// Serves a copy of the upstream-made pb_data fixture and compares SDK results with its data.db.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import PocketBase019 from "pb019";
import PocketBase028 from "pb028";
import { startServer, copyFixture } from "./server.mjs";

function sqliteRows(dir, sql) {
  const out = execFileSync("sqlite3", ["-json", "-readonly", join(dir, "data.db"), sql], { encoding: "utf8", timeout: 20_000 });
  return out.trim() ? JSON.parse(out) : [];
}

function hasSqlite3() {
  try {
    execFileSync("sqlite3", ["-version"], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

const fixtureDir = copyFixture();
const skip = !fixtureDir ? "../shared/fixtures/pocketbase-testdata is absent" : !hasSqlite3() ? "the sqlite3 CLI is not installed" : false;

describe("upstream pb_data fixture through the SDK", { skip, timeout: 120_000 }, () => {
  let server;

  before(async () => {
    server = await startServer({ dir: fixtureDir, superuser: null });
  });

  after(async () => {
    await server?.stop();
  });

  for (const [version, PocketBase] of [["0.19.0", PocketBase019], ["0.28.x", PocketBase028]]) {
    it(`lists and views every collection as data.db holds it (SDK ${version})`, async () => {
      const pb = new PocketBase(server.url);
      pb.autoCancellation(false);
      await pb.collection("_superusers").authWithPassword("test@example.com", "1234567890");
      for (const name of ["users", "demo1", "demo2", "demo3", "demo4", "demo5", "clients", "view1", "view2"]) {
        const records = await pb.collection(name).getFullList();
        const rows = sqliteRows(server.dir, `SELECT * FROM \`${name}\` ORDER BY id`);
        assert.deepEqual(records.map((r) => r.id).sort(), rows.map((r) => String(r.id)).sort(), name);
        const row = rows[0];
        const one = await pb.collection(name).getOne(String(row.id));
        for (const key of ["created", "updated", "title", "text", "name", "username"]) {
          if (key in row && key in one) assert.equal(one[key], row[key] ?? "", `${name}.${key}`);
        }
      }
    });
  }

  it("signs fixture accounts in with their upstream bcrypt hashes", async () => {
    const pb = new PocketBase028(server.url);
    // The fixture's users collection requires MFA; clients signs in with the password alone.
    const auth = await pb.collection("clients").authWithPassword("test@example.com", "1234567890");
    assert.equal(auth.record.email, "test@example.com");
  });
});
