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

  const keepAll = runHousekeeping(s, { imageRetentionDays: 0, now: s.clock() });
  assert.equal(keepAll.imageJobsPruned, 0);
  assert.ok(s.jobs.image(old, 0));

  const r = runHousekeeping(s, { imageRetentionDays: 30, now: s.clock() });
  assert.deepEqual([r.imageJobsPruned, r.imageBytesFreed], [1, png.length + 1]);
  assert.equal((await s.jobs.files.list()).length, 1, 'the file of the expired job is deleted');
  assert.equal(s.jobs.image(old, 0), undefined);
  assert.ok(s.jobs.image(recent, 0));
  assert.equal(s.jobs.get(old)?.state, 'done', 'the job itself stays');
});

test('quota reservations older than 8 days are pruned; recent ones still count', () => {
  const s = setup();
  const first = s.quota.reserve({ guildId: 'g1', userId: 'u1', roleIds: [], images: 1 });
  assert.ok(first.ok);
  s.clock.advance(9 * DAY);
  const second = s.quota.reserve({ guildId: 'g1', userId: 'u1', roleIds: [], images: 1 });
  assert.ok(second.ok);
  const r = runHousekeeping(s, { imageRetentionDays: 0, now: s.clock() });
  assert.equal(r.reservationsPruned, 1);
  assert.equal(s.quota.refund(second.reservationId), true, 'the recent reservation is still there');
});
