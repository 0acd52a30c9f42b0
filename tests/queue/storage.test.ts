// Result images live in content-addressed files, not in SQLite: 100 jobs through the real queue and jobs store on a
// real database file, then the retention clean-up. The database must hold no image bytes, and the image folder
// exactly the images of the jobs still within the retention.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runHousekeeping } from '../../src/db/housekeeping.ts';
import { encodePng } from '../../src/diffusion/png.ts';
import type { GenerateResult } from '../../src/diffusion/types.ts';
import type { InferenceBackend } from '../../src/queue/types.ts';
import { newJob, openStores, setupQueue, tempDir, testClock } from './helpers.ts';

const DAY = 86_400_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Real PNGs, different for every seed (an 8x8 picture whose pixels are the seed's bytes). */
const pngBackend: InferenceBackend = {
  async generate(req) {
    const images = await Promise.all(
      Array.from({ length: req.count }, async (_, i) => {
        const seed = (req.seed + i) >>> 0;
        const rgb = new Uint8Array(8 * 8 * 3).map((_, k) => (seed * 31 + k * 7 + (seed >>> (k % 24))) & 255);
        return { png: await encodePng(rgb, 8, 8, `seed ${seed}`), seed, width: 8, height: 8 };
      }),
    );
    return {
      images,
      timings: { tokenizeMs: 0, encodeMs: 0, stepMs: [], decodeMs: 0, pngMs: 0, totalMs: 1, sessionRunMs: 0 },
      info: {
        model: 'tiny',
        scheduler: 'pndm',
        steps: req.steps,
        guidanceScale: req.guidanceScale,
        tokenCount: 1,
        truncatedTokens: 0,
        executionProvider: 'cpu',
      },
    } satisfies GenerateResult;
  },
  async restart() {},
};

test('100 jobs: no image bytes in the database; the image files are exactly those of the unexpired jobs', async () => {
  const dir = tempDir('atelier-storage-');
  const clock = testClock();
  const stores = openStores(join(dir, 'atelier.db'), clock);
  const { queue } = setupQueue({ stores, clock, backend: pngBackend, config: { maxWaiting: 200, maxPerUser: 200 } });
  const ids: number[] = [];
  for (let i = 0; i < 100; i++) {
    ids.push(queue.submit(newJob(`user${i % 7}`, { seed: 1000 + i * 4, count: 1 + (i % 4) })).job.id);
    await queue.idle();
    clock.advance(DAY / 2); // 100 jobs over 50 days
  }
  const { jobs } = stores;
  assert.deepEqual(
    ids.map((id) => jobs.get(id)?.state),
    ids.map(() => 'done'),
  );
  // One more job (id 101) that U-style reuses another job's image: a reference, not a copy.
  const last = jobs.image(ids[99]!, 0)!;
  const copy = jobs.create(newJob('user0', { kind: 'upscale', count: 1, parentJobId: ids[99], sourceIndex: 0 }));
  jobs.markRunning(copy.id);
  jobs.markDone(copy.id, [last]);
  assert.equal(jobs.image(copy.id, 0)?.sha256, last.sha256);

  const report = await runHousekeeping(stores, { imageRetentionDays: 30, now: clock() });
  const finished = ids.map((id) => jobs.get(id)!);
  const expired = finished.filter((j) => j.finishedAt! < clock() - 30 * DAY);
  assert.equal(report.imageJobsPruned, expired.length);
  assert.ok(expired.length > 30 && expired.length < 70, `some expire, some not (${expired.length})`);

  // The files on disk, hashed again, are exactly the images the unexpired jobs refer to.
  const imagesDir = join(dir, 'images');
  const onDisk = readdirSync(imagesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.png'))
    .map((f) =>
      createHash('sha256')
        .update(readFileSync(join(imagesDir, f)))
        .digest('hex'),
    )
    .sort();
  const kept = finished.filter((j) => !expired.includes(j)).flatMap((j) => jobs.images(j.id).map((i) => i.sha256));
  assert.deepEqual(onDisk, [...new Set(kept)].sort());
  assert.equal(
    kept.length,
    finished.filter((j) => !expired.includes(j)).reduce((t, j) => t + j.params.count, 0),
  );
  for (const j of expired) assert.deepEqual(jobs.images(j.id), [], `job ${j.id} expired`);
  assert.ok(jobs.image(copy.id, 0), 'the reused image is still there');

  // No image bytes anywhere in SQLite: no legacy rows, and no PNG inside the database file or its WAL.
  const db = stores.database.sqlite;
  assert.equal(db.prepare('SELECT count(*) FROM job_images').pluck().get(), 0);
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of readdirSync(dir).filter((f) => f.startsWith('atelier.db'))) {
    assert.equal(readFileSync(join(dir, file)).indexOf(PNG_SIGNATURE), -1, `${file} holds no PNG`);
  }
});

test('deleting a job deletes its files unless another job shares them; a sweep removes files no job names', async () => {
  const dir = tempDir('atelier-storage-');
  const stores = openStores(join(dir, 'atelier.db'));
  const { jobs } = stores;
  const rgb = new Uint8Array(4 * 4 * 3).fill(9);
  const png = await encodePng(rgb, 4, 4);
  const a = jobs.create(newJob('u1'));
  const b = jobs.create(newJob('u2'));
  for (const j of [a, b]) {
    jobs.markRunning(j.id);
    jobs.markDone(j.id, [{ png, seed: 1, width: 4, height: 4 }]);
  }
  assert.equal((await jobs.files.list()).length, 1, 'the same bytes are one file');
  jobs.markDeleted(a.id);
  assert.equal((await jobs.files.list()).length, 1, 'still used by job b');
  jobs.markDeleted(b.id);
  await jobs.files.idle(); // the file goes off the gateway thread
  assert.deepEqual(await jobs.files.list(), []);

  // A file written by a process killed before its row: swept once old enough.
  const orphan = jobs.files.putSync(new Uint8Array([1, 2, 3]));
  jobs.files.release([orphan.sha256]);
  assert.deepEqual(await jobs.sweepImageFiles(3_600_000), { files: 0, bytes: 0 }, 'too recent: maybe about to be used');
  assert.deepEqual(await jobs.sweepImageFiles(0), { files: 1, bytes: 3 });
});

test('a database from before 0005 gets its images moved into files at start, and shrinks', async () => {
  const dir = tempDir('atelier-storage-');
  const path = join(dir, 'atelier.db');
  const old = openStores(path, testClock(), false);
  const big = Buffer.alloc(200_000, 7);
  const job = old.jobs.create(newJob('u1', { count: 2 }));
  old.jobs.markRunning(job.id);
  old.jobs.markDone(job.id, []);
  const insert = old.database.sqlite.prepare(
    'INSERT INTO job_images (job_id, idx, seed, width, height, png) VALUES (?, ?, ?, 8, 8, ?)',
  );
  insert.run(job.id, 0, 42, Buffer.concat([PNG_SIGNATURE, big, Buffer.from([0])]));
  insert.run(job.id, 1, 43, Buffer.concat([PNG_SIGNATURE, big, Buffer.from([1])]));
  old.database.close();
  const sizeBefore = readFileSync(path).length;

  const stores = openStores(path);
  const moved = await stores.jobs.moveStoredFiles();
  assert.deepEqual(moved, { images: 2, inputs: 0, bytes: 2 * (big.length + 9) });
  assert.deepEqual(
    stores.jobs.images(job.id).map((i) => [i.idx, i.seed]),
    [
      [0, 42],
      [1, 43],
    ],
  );
  assert.equal(stores.jobs.image(job.id, 1)!.png.at(-1), 1);
  stores.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // By the images, within a few pages: a new database has a few free pages (left by migration 0007's table rebuild)
  // that the images partly filled, so the file grew by a little less than their size.
  assert.ok(readFileSync(path).length < sizeBefore - 0.95 * 2 * big.length, 'VACUUM shrank the database by the images');
  assert.deepEqual(await stores.jobs.moveStoredFiles(), { images: 0, inputs: 0, bytes: 0 }, 'once');
});

test('uploads and painted masks are files like the results: none in SQLite, read back exactly, kept while the job waits, expired with its results', async () => {
  const dir = tempDir('atelier-storage-');
  const clock = testClock();
  const stores = openStores(join(dir, 'atelier.db'), clock);
  const { jobs } = stores;
  const upload = await encodePng(new Uint8Array(8 * 8 * 3).fill(200), 8, 8, 'upload');
  const mask = await encodePng(new Uint8Array(8 * 8 * 3).fill(255), 8, 8, 'mask');
  // One job whose inputs were written off the thread first (as the bot does), one given the bytes.
  const [u, m] = [await jobs.storeInput(upload), await jobs.storeInput(mask)];
  const done = jobs.create(newJob('u1', { strength: 0.5 }, { initImage: u, mask: m }));
  jobs.release([u, m]);
  const waiting = jobs.create(newJob('u2', { strength: 0.5 }, { initImage: upload }));
  assert.deepEqual(jobs.initImage(done.id), Buffer.from(upload));
  assert.deepEqual(jobs.mask(done.id), Buffer.from(mask));
  assert.deepEqual(jobs.initImage(waiting.id), Buffer.from(upload), 'the same bytes: one file for both jobs');
  assert.equal((await jobs.files.list()).length, 2);
  const db = stores.database.sqlite;
  assert.equal(db.prepare('SELECT count(*) FROM job_uploads').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM job_masks').pluck().get(), 0);
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of readdirSync(dir).filter((f) => f.startsWith('atelier.db'))) {
    assert.equal(readFileSync(join(dir, file)).indexOf(PNG_SIGNATURE), -1, `${file} holds no PNG`);
  }

  jobs.markRunning(done.id);
  jobs.markDone(done.id, []);
  clock.advance(40 * DAY);
  await runHousekeeping(stores, { imageRetentionDays: 30, now: clock() });
  await jobs.files.idle();
  assert.equal(jobs.initImage(done.id), undefined, 'the finished job lost its inputs with the retention');
  assert.equal(jobs.mask(done.id), undefined);
  assert.equal(jobs.hasInitImage(done.id), false);
  assert.deepEqual(jobs.initImage(waiting.id), Buffer.from(upload), 'the waiting job keeps its upload');
  const hashes = await jobs.files.list();
  assert.equal(hashes.length, 1, 'the mask file is gone; the upload file stays, the waiting job still names it');

  jobs.markDeleted(waiting.id);
  await jobs.files.idle();
  assert.deepEqual(await jobs.files.list(), []);
});

test('a database from before 0009 gets its uploads and masks moved into files at start', async () => {
  const dir = tempDir('atelier-storage-');
  const path = join(dir, 'atelier.db');
  const old = openStores(path, testClock(), false);
  const job = old.jobs.create(newJob('u1', { strength: 0.5 }));
  const upload = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(50_000, 3)]);
  const mask = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(20_000, 255)]);
  // As versions before 0009 wrote them.
  old.database.sqlite.prepare('INSERT INTO job_uploads (job_id, bytes) VALUES (?, ?)').run(job.id, upload);
  old.database.sqlite.prepare('INSERT INTO job_masks (job_id, bytes) VALUES (?, ?)').run(job.id, mask);
  // And a result image as versions before 0005 wrote it.
  old.jobs.markRunning(job.id);
  old.jobs.markDone(job.id, []);
  old.database.sqlite
    .prepare('INSERT INTO job_images (job_id, idx, seed, width, height, png) VALUES (?, 0, 1, 8, 8, ?)')
    .run(job.id, PNG_SIGNATURE);
  old.database.close();

  const stores = openStores(path);
  const sqlite = stores.database.sqlite;
  const exec = sqlite.exec.bind(sqlite);
  const vacuums: string[] = [];
  sqlite.exec = (sql: string) => (/VACUUM/i.test(sql) && vacuums.push(sql), exec(sql));
  assert.deepEqual(await stores.jobs.moveStoredFiles(), {
    images: 1,
    inputs: 2,
    bytes: PNG_SIGNATURE.length + upload.length + mask.length,
  });
  assert.equal(vacuums.length, 1, 'one VACUUM for the images and the inputs');
  assert.deepEqual(stores.jobs.initImage(job.id), upload);
  assert.deepEqual(stores.jobs.mask(job.id), mask);
  const db = stores.database.sqlite;
  assert.equal(db.prepare('SELECT count(*) FROM job_uploads').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM job_masks').pluck().get(), 0);
  assert.equal((await stores.jobs.files.list()).length, 3, 'the upload, the mask and the image');
  assert.deepEqual(await stores.jobs.moveStoredFiles(), { images: 0, inputs: 0, bytes: 0 }, 'once');
});
