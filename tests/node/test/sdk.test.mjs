// Drives the server with the unmodified pocketbase SDK, once as 0.19.0 and once as 0.28.x.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import PocketBase019 from "pb019";
import PocketBase028 from "pb028";
import { startServer } from "./server.mjs";

const sdks = [
  ["0.19.0", PocketBase019],
  ["0.28.x", PocketBase028],
];

for (const [version, PocketBase] of sdks) {
  describe(`pocketbase SDK ${version}`, { timeout: 120_000 }, () => {
    let server;
    let admin;
    const users = {};

    const client = () => {
      const pb = new PocketBase(server.url);
      pb.autoCancellation(false);
      return pb;
    };

    before(async () => {
      server = await startServer();
      admin = client();
      await admin.collection("_superusers").authWithPassword("admin@example.com", "1234567890");
      await admin.settings.update({ batch: { enabled: true } });
      const usersCollection = await admin.collections.getOne("users");
      await admin.collections.create({
        name: "tasks",
        type: "base",
        listRule: "owner = @request.auth.id || shared = true",
        viewRule: "owner = @request.auth.id || shared = true",
        createRule: "@request.auth.id != '' && @request.body.owner = @request.auth.id",
        updateRule: "owner = @request.auth.id",
        deleteRule: "owner = @request.auth.id",
        fields: [
          { name: "title", type: "text", required: true },
          { name: "priority", type: "number" },
          { name: "shared", type: "bool" },
          { name: "details", type: "editor" },
          { name: "meta", type: "json" },
          { name: "owner", type: "relation", collectionId: usersCollection.id, maxSelect: 1 },
          { name: "created", type: "autodate", onCreate: true, onUpdate: false },
        ],
      });
      for (const name of ["ann", "ben"]) {
        const pb = client();
        const record = await pb.collection("users").create({ email: `${name}@example.com`, password: "1234567890", passwordConfirm: "1234567890", name });
        await pb.collection("users").authWithPassword(`${name}@example.com`, "1234567890");
        users[name] = { pb, id: record.id };
      }
    });

    after(async () => {
      await server?.stop();
    });

    it("authenticates and refreshes with a standard JWT", async () => {
      const { pb } = users.ann;
      assert.ok(pb.authStore.isValid);
      assert.equal(pb.authStore.model.email, "ann@example.com");
      const refreshed = await pb.collection("users").authRefresh();
      assert.equal(refreshed.record.id, users.ann.id);
      const methods = await pb.collection("users").listAuthMethods();
      assert.ok(methods.emailPassword === true || methods.password?.enabled === true);
    });

    it("creates, reads, updates and deletes records under rules", async () => {
      const { pb, id } = users.ann;
      const task = await pb.collection("tasks").create({ title: "write tests", priority: 2, owner: id, meta: { tags: ["a"] } });
      assert.equal(task.title, "write tests");
      assert.deepEqual(task.meta, { tags: ["a"] });
      const read = await pb.collection("tasks").getOne(task.id, { expand: "owner" });
      assert.equal(read.expand.owner.id, id);
      const updated = await pb.collection("tasks").update(task.id, { "priority+": 3 });
      assert.equal(updated.priority, 5);
      await assert.rejects(users.ben.pb.collection("tasks").getOne(task.id), (e) => e.status === 404);
      await assert.rejects(users.ben.pb.collection("tasks").update(task.id, { title: "x" }), (e) => e.status === 404);
      await assert.rejects(users.ben.pb.collection("tasks").create({ title: "forged", owner: id }), (e) => e.status === 400);
      await assert.rejects(client().collection("tasks").create({ title: "guest" }), (e) => e.status === 400);
      await pb.collection("tasks").delete(task.id);
      await assert.rejects(pb.collection("tasks").getOne(task.id), (e) => e.status === 404);
    });

    it("lists with filter, sort, fields, skipTotal, getFullList and getFirstListItem", async () => {
      const { pb, id } = users.ann;
      for (let i = 1; i <= 7; i++) {
        await pb.collection("tasks").create({ title: `item ${i}`, priority: i, owner: id, shared: i % 2 === 0, details: `<p>long text number ${i}</p>` });
      }
      const page = await pb.collection("tasks").getList(1, 3, { filter: "priority >= 2 && title ~ 'item'", sort: "-priority" });
      assert.equal(page.perPage, 3);
      assert.equal(page.totalItems, 6);
      assert.deepEqual(page.items.map((t) => t.priority), [7, 6, 5]);
      const skipped = await pb.collection("tasks").getList(1, 2, { skipTotal: true });
      assert.equal(skipped.totalItems, -1);
      const picked = await pb.collection("tasks").getList(1, 1, { fields: "id,details:excerpt(4,true)", sort: "priority" });
      assert.deepEqual(Object.keys(picked.items[0]).sort(), ["details", "id"]);
      assert.equal(picked.items[0].details, "long...");
      const all = await pb.collection("tasks").getFullList({ sort: "priority", batch: 2 });
      assert.equal(all.length, 7);
      const first = await pb.collection("tasks").getFirstListItem("priority = 4");
      assert.equal(first.title, "item 4");
      await assert.rejects(pb.collection("tasks").getFirstListItem("priority = 99"), (e) => e.status === 404);
      const bensView = await users.ben.pb.collection("tasks").getFullList();
      assert.equal(bensView.length, 3, "ben sees only the shared tasks");
      await assert.rejects(pb.collection("tasks").getList(1, 5, { filter: "nope = 1" }), (e) => e.status === 400);
      await assert.rejects(pb.collection("tasks").getList(1, 5, { filter: "@request.auth.id != ''" }), (e) => e.status === 403);
    });

    it("runs a batch in one transaction", async () => {
      const { pb, id } = users.ann;
      const body = (title) => ({ method: "POST", url: "/api/collections/tasks/records", body: { title, owner: id } });
      const ok = await pb.send("/api/batch", { method: "POST", body: { requests: [body("b1"), body("b2")] } });
      assert.deepEqual(ok.map((r) => r.status), [200, 200]);
      await assert.rejects(pb.send("/api/batch", { method: "POST", body: { requests: [body("b3"), body("")] } }), (e) => e.status === 400);
      const b3 = await pb.collection("tasks").getList(1, 1, { filter: "title = 'b3'" });
      assert.equal(b3.totalItems, 0, "the failed batch was rolled back");
      if (typeof pb.createBatch === "function") {
        const batch = pb.createBatch();
        batch.collection("tasks").create({ title: "b4", owner: id });
        batch.collection("tasks").create({ title: "b5", owner: id });
        const result = await batch.send();
        assert.equal(result.length, 2);
      }
    });

    it("keeps a view working when its source's field is renamed, and refuses to break it", async () => {
      const src = await admin.collections.create({ name: "sdk_src", type: "base", listRule: "", fields: [{ name: "label", type: "text" }, { name: "size", type: "number" }] });
      await admin.collection("sdk_src").create({ label: "one", size: 1 });
      const view = await admin.collections.create({ name: "sdk_view", type: "view", listRule: "", viewQuery: "SELECT id, label, size FROM sdk_src" });
      assert.deepEqual(view.fields.map((f) => f.name), ["id", "label", "size"]);

      const renamed = src.fields.map((f) => (f.name === "label" ? { ...f, name: "title" } : f));
      await admin.collections.update("sdk_src", { fields: renamed });
      const afterRename = await admin.collection("sdk_view").getList(1, 10);
      assert.equal(afterRename.totalItems, 1);

      const withoutSize = renamed.filter((f) => f.name !== "size");
      await assert.rejects(admin.collections.update("sdk_src", { fields: withoutSize }), (e) => e.status === 400 && /Failed to update collection/.test(e.message));
      await assert.rejects(admin.collections.delete("sdk_src"), (e) => e.status === 400 && e.message === "Failed to delete collection.");
      const still = await admin.collection("sdk_view").getList(1, 10);
      assert.equal(still.items[0].size, 1);

      await admin.collections.delete("sdk_view");
      await admin.collections.delete("sdk_src");
    });

    it("keeps the superuser able to manage collections and see everything", async () => {
      const list = await admin.collections.getFullList();
      assert.ok(list.some((c) => c.name === "tasks"));
      const tasks = await admin.collection("tasks").getFullList();
      assert.ok(tasks.length >= 7);
      const ann = await admin.collection("users").getOne(users.ann.id);
      assert.equal(ann.email, "ann@example.com");
    });
  });
}
