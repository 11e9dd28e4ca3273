// client-demo/pb_schema.json against the spec (records-and-fields.md §1–2) and the demo's
// needs (spec README "The demo's HTTP sequence"): what setup.mjs imports with
// PUT /api/collections/import and what a user may paste into a dashboard's import page.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { crc32 } from "node:zlib";
import { repoRoot } from "../lib/server.mjs";

const schema = JSON.parse(readFileSync(join(repoRoot, "client-demo/pb_schema.json"), "utf8"));
const byName = new Map(schema.map((c) => [c.name, c]));
const signedIn = "@request.auth.id != ''";

// Every key a field of each type has in collection JSON (upstream exports all of them).
const common = ["hidden", "id", "name", "presentable", "system", "type"];
const fieldKeys = {
  text: [...common, "help", "required", "min", "max", "pattern", "autogeneratePattern", "primaryKey"],
  json: [...common, "help", "required", "maxSize"],
  relation: [...common, "help", "required", "collectionId", "cascadeDelete", "minSelect", "maxSelect"],
  autodate: [...common, "onCreate", "onUpdate"],
};

test("pb_schema.json holds exactly the four demo collections, as base collections", () => {
  assert.deepEqual(schema.map((c) => c.name).sort(), ["answer_candidates", "calls", "ice_servers", "offer_candidates"]);
  for (const collection of schema) assert.equal(collection.type, "base", collection.name);
});

test("collection and field ids are the defaults the server derives (pbc_/type + CRC-32)", () => {
  for (const collection of schema) {
    assert.equal(collection.id, `pbc_${crc32(collection.type + collection.name)}`, collection.name);
    for (const field of collection.fields) {
      assert.equal(field.id, `${field.type}${crc32(field.name)}`, `${collection.name}.${field.name}`);
    }
  }
});

test("every field carries all keys of its type and nothing else", () => {
  for (const collection of schema) {
    for (const field of collection.fields) {
      assert.ok(fieldKeys[field.type], `unexpected type ${field.type}`);
      assert.deepEqual(Object.keys(field).sort(), [...fieldKeys[field.type]].sort(), `${collection.name}.${field.name}`);
    }
    assert.equal(collection.fields.filter((f) => f.primaryKey).length, 1, `${collection.name} has one primary key`);
  }
});

test("fields: ice_servers.url text, calls.offer/answer json, candidates data json", () => {
  const fields = (name) => Object.fromEntries(byName.get(name).fields.filter((f) => !f.system).map((f) => [f.name, f.type]));
  assert.deepEqual(fields("ice_servers"), { url: "text", created: "autodate", updated: "autodate" });
  assert.deepEqual(fields("calls"), { offer: "json", answer: "json", created: "autodate", updated: "autodate" });
  for (const name of ["offer_candidates", "answer_candidates"]) {
    assert.deepEqual(fields(name), { call_id: "relation", data: "json", created: "autodate", updated: "autodate" });
  }
});

test("call_id is a single, required relation to calls with cascade delete", () => {
  for (const name of ["offer_candidates", "answer_candidates"]) {
    const relation = byName.get(name).fields.find((f) => f.name === "call_id");
    assert.equal(relation.collectionId, byName.get("calls").id);
    assert.equal(relation.cascadeDelete, true);
    assert.ok(relation.maxSelect <= 1, "single");
    assert.equal(relation.required, true);
  }
});

test("rules: signed-in users everywhere, calls list/view public, ice_servers read-only", () => {
  const rules = (name) => {
    const c = byName.get(name);
    return [c.listRule, c.viewRule, c.createRule, c.updateRule, c.deleteRule];
  };
  assert.deepEqual(rules("ice_servers"), [signedIn, signedIn, null, null, null]);
  assert.deepEqual(rules("calls"), ["", "", signedIn, signedIn, signedIn]);
  assert.deepEqual(rules("offer_candidates"), Array(5).fill(signedIn));
  assert.deepEqual(rules("answer_candidates"), Array(5).fill(signedIn));
});
