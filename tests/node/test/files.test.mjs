// File fields through both SDKs: FormData uploads, modifiers, file URLs and protected-file tokens.
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
  describe(`files with pocketbase SDK ${version}`, { timeout: 120_000 }, () => {
    let server;
    let pb;

    const client = () => {
      const c = new PocketBase(server.url);
      c.autoCancellation(false);
      return c;
    };
    // 0.19 only has getUrl; newer SDKs renamed it getURL.
    const fileUrl = (c, record, name, query = {}) => (c.files.getURL ?? c.files.getUrl).call(c.files, record, name, query);
    const fetchText = async (url) => {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return { status: res.status, text: await res.text() };
    };

    before(async () => {
      server = await startServer();
      const admin = client();
      await admin.collection("_superusers").authWithPassword("admin@example.com", "1234567890");
      await admin.collections.create({
        name: "uploads",
        type: "base",
        listRule: "@request.auth.id != ''",
        viewRule: "@request.auth.id != ''",
        createRule: "@request.auth.id != ''",
        updateRule: "@request.auth.id != ''",
        fields: [
          { name: "title", type: "text" },
          { name: "docs", type: "file", maxSelect: 5 },
          { name: "secret", type: "file", maxSelect: 1, protected: true },
        ],
      });
      pb = client();
      await pb.collection("users").create({ email: "filer@example.com", password: "1234567890", passwordConfirm: "1234567890" });
      await pb.collection("users").authWithPassword("filer@example.com", "1234567890");
    });

    after(async () => {
      await server?.stop();
    });

    it("uploads with FormData and serves the files at the SDK's file URL", async () => {
      const form = new FormData();
      form.append("title", "first");
      form.append("docs", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
      form.append("docs", new Blob(["world"], { type: "text/plain" }), "World File.txt");
      const record = await pb.collection("uploads").create(form);

      assert.equal(record.title, "first");
      assert.equal(record.docs.length, 2);
      assert.match(record.docs[0], /^hello_[a-z0-9]{10}\.txt$/);
      assert.match(record.docs[1], /^world_file_[a-z0-9]{10}\.txt$/);
      const url = fileUrl(pb, record, record.docs[0]);
      assert.equal(url, `${server.url}/api/files/${record.collectionId}/${record.id}/${record.docs[0]}`);
      assert.deepEqual(await fetchText(url), { status: 200, text: "hello" });
    });

    it("appends and removes files with the + and - modifiers", async () => {
      const form = new FormData();
      form.append("docs", new Blob(["a"]), "a.txt");
      const record = await pb.collection("uploads").create(form);

      const append = new FormData();
      append.append("docs+", new Blob(["b"]), "b.txt");
      const appended = await pb.collection("uploads").update(record.id, append);
      assert.equal(appended.docs.length, 2);
      assert.equal(appended.docs[0], record.docs[0]);

      const removed = await pb.collection("uploads").update(record.id, { "docs-": [record.docs[0]] });
      assert.deepEqual(removed.docs, [appended.docs[1]]);
      assert.equal((await fetchText(fileUrl(pb, record, record.docs[0]))).status, 404);
      assert.deepEqual(await fetchText(fileUrl(pb, removed, removed.docs[0])), { status: 200, text: "b" });
    });

    it("serves protected files only with a file token", async () => {
      const form = new FormData();
      form.append("secret", new Blob(["classified"]), "secret.txt");
      const record = await pb.collection("uploads").create(form);

      assert.equal((await fetchText(fileUrl(pb, record, record.secret))).status, 404);
      const token = await pb.files.getToken();
      assert.deepEqual(await fetchText(fileUrl(pb, record, record.secret, { token })), { status: 200, text: "classified" });
      const guestToken = await client().files.getToken().catch((e) => e.status);
      assert.equal(guestToken, 401);
    });

    it("reports upload validation errors per field", async () => {
      const form = new FormData();
      for (let i = 0; i < 6; i++) form.append("docs", new Blob([`${i}`]), `${i}.txt`);
      await assert.rejects(pb.collection("uploads").create(form), (e) => {
        assert.equal(e.status, 400);
        assert.equal(e.response.data.docs.code, "validation_too_many_files");
        return true;
      });
    });

    if (version !== "0.19.0") {
      it("converts a plain object with File values to multipart (with @jsonPayload)", async () => {
        const record = await pb.collection("uploads").create({
          title: "object body",
          docs: [new File(["from object"], "obj.txt", { type: "text/plain" })],
        });
        assert.equal(record.title, "object body");
        assert.match(record.docs[0], /^obj_[a-z0-9]{10}\.txt$/);
        assert.deepEqual(await fetchText(fileUrl(pb, record, record.docs[0], { download: 1 })), { status: 200, text: "from object" });
      });
    }
  });
}
