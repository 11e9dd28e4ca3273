// The backups API through the unmodified SDKs: pb.backups.getFullList/create/upload/delete and the
// download URL (getDownloadURL in 0.28, getDownloadUrl in 0.19) with a superuser file token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase019 from 'pb019';
import PocketBase028 from 'pb028';
import { startServer } from './realtime-server.mjs';

describe('backups through the unmodified SDKs', { timeout: 120_000 }, () => {
  let server;

  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  for (const [version, PocketBase, downloadUrl] of [
    ['0.28', PocketBase028, (pb, token, key) => pb.backups.getDownloadURL(token, key)],
    ['0.19', PocketBase019, (pb, token, key) => pb.backups.getDownloadUrl(token, key)],
  ]) {
    it(`${version}: create, list, download, upload and delete`, async () => {
      const pb = new PocketBase(server.url);
      pb.autoCancellation(false);
      pb.authStore.save(server.superuser, null);
      const key = `sdk_${version.replace('.', '')}.zip`;
      const copy = `sdk_${version.replace('.', '')}_copy.zip`;

      await pb.backups.create(key);
      const list = await pb.backups.getFullList();
      const item = list.find((b) => b.key === key);
      const response = await fetch(downloadUrl(pb, await pb.files.getToken(), key));
      const bytes = new Uint8Array(await response.arrayBuffer());
      await pb.backups.upload({ file: new File([bytes], copy, { type: 'application/zip' }) });
      const afterUpload = (await pb.backups.getFullList()).map((b) => b.key);
      await pb.backups.delete(key);
      await pb.backups.delete(copy);
      const afterDelete = (await pb.backups.getFullList()).map((b) => b.key);

      assert.ok(item, JSON.stringify(list));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-disposition'), `attachment; filename=${key}`);
      assert.equal(bytes.length, item.size);
      assert.deepEqual([...bytes.slice(0, 2)], [0x50, 0x4b]);
      assert.match(item.modified, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(afterUpload.includes(copy));
      assert.ok(!afterDelete.includes(key) && !afterDelete.includes(copy));
      await assert.rejects(pb.backups.create('Bad Name'), (e) => e.status === 400 && e.response.data.name.code === 'validation_match_invalid');
      await assert.rejects(new PocketBase(server.url).backups.getFullList(), (e) => e.status === 401);
      assert.equal((await fetch(downloadUrl(pb, 'invalid', key))).status, 403);
    });
  }
});
