import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runHousekeeping } from '../../src/db/housekeeping.ts';
import { params, setup } from './helpers.ts';

const DAY = 86_400_000;
const png = new Uint8Array([1, 2, 3, 4]);

function finishedJob(s: ReturnType<typeof setup>, userId: string) {
  const job = s.jobs.create({ userId, guildId: 'g1', model: 'tiny', params: params({ count: 1 }) });
  s.jobs.markRunning(job.id);
  // Each job its own picture: files are shared by content, so equal bytes would be one file.
  s.jobs.markDone(job.id, [{ png: new Uint8Array([...png, job.id]), seed: 42, width: 512, height: 512 }]);
  return job.id;
}

test('images are kept for ever with retention 0; with a retention, only older jobs lose them and their files', async () => {
  const s = setup();
  const old = finishedJob(s, 'u1');
  s.clock.advance(40 * DAY);
  const recent = finishedJob(s, 'u2');

  const keepAll = await runHousekeeping(s, { imageRetentionDays: 0, now: s.clock() });
  assert.equal(keepAll.imageJobsPruned, 0);
  assert.ok(s.jobs.image(old, 0));

  const r = await runHousekeeping(s, { imageRetentionDays: 30, now: s.clock() });
  assert.deepEqual([r.imageJobsPruned, r.imageBytesFreed], [1, png.length + 1]);
  assert.equal((await s.jobs.files.list()).length, 1, 'the file of the expired job is deleted');
  assert.equal(s.jobs.image(old, 0), undefined);
  assert.ok(s.jobs.image(recent, 0));
  assert.equal(s.jobs.get(old)?.state, 'done', 'the job itself stays');
});

test('quota reservations older than 8 days are pruned; recent ones still count', async () => {
  const s = setup();
  const first = s.quota.reserve({ guildId: 'g1', userId: 'u1', roleIds: [], images: 1 });
  assert.ok(first.ok);
  s.clock.advance(9 * DAY);
  const second = s.quota.reserve({ guildId: 'g1', userId: 'u1', roleIds: [], images: 1 });
  assert.ok(second.ok);
  const r = await runHousekeeping(s, { imageRetentionDays: 0, now: s.clock() });
  assert.equal(r.reservationsPruned, 1);
  assert.equal(s.quota.refund(second.reservationId), true, 'the recent reservation is still there');
});

test('retention works in batches with the files deleted off the thread: the event loop turns while it runs', async () => {
  const s = setup({ file: true });
  const ids = Array.from({ length: 25 }, (_, i) => finishedJob(s, `u${i % 3}`));
  s.clock.advance(40 * DAY);
  const keep = finishedJob(s, 'u9');
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const r = await runHousekeeping(s, { imageRetentionDays: 30, now: s.clock(), batch: 4 });
  clearInterval(timer);
  assert.equal(r.imageJobsPruned, ids.length);
  assert.equal(r.imageBytesFreed, ids.length * (png.length + 1));
  assert.ok(ticks >= 3, `timers ran between the batches (${ticks})`);
  assert.deepEqual(await s.jobs.files.list(), [s.jobs.images(keep)[0]!.sha256]);
  for (const id of ids) assert.deepEqual(s.jobs.images(id), []);
});

test('a picture made again while its old file is being deleted is written anew, not lost', async () => {
  const s = setup({ file: true });
  const bytes = new Uint8Array([9, 9, 9, 9]);
  const first = s.jobs.create({ userId: 'u1', guildId: 'g1', model: 'tiny', params: params({ count: 1 }) });
  s.jobs.markRunning(first.id);
  s.jobs.markDone(first.id, [{ png: bytes, seed: 1, width: 512, height: 512 }]);
  s.clock.advance(40 * DAY);
  // The deletion starts (the reference is gone), and the same bytes are stored for a new job before it ends.
  const pruning = s.jobs.pruneImages(s.clock() - 30 * DAY);
  const again = await s.jobs.storeImages([{ png: bytes, seed: 1, width: 512, height: 512 }]);
  const second = s.jobs.create({ userId: 'u1', guildId: 'g1', model: 'tiny', params: params({ count: 1 }) });
  s.jobs.markRunning(second.id);
  s.jobs.markDone(second.id, again);
  s.jobs.release(again);
  assert.equal((await pruning).jobs, 1);
  await s.jobs.files.idle();
  assert.deepEqual(s.jobs.loadImages(second.id)[0]?.png, Buffer.from(bytes), 'the new job still has its file');
});
