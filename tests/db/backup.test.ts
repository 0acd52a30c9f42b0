// `npm run backup -- DIR` while the bot writes: a consistent database copy plus the image files it refers to, and
// a restore from it works.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { backup } from '../../src/db/backup.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createStores } from '../../src/db/stores.ts';
import { newJob, openStores, tempDir } from '../queue/helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const options = {
  ceilings: { maxSteps: 50, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 4 },
  maxWaiting: 1000,
};

function finish(stores: ReturnType<typeof openStores>, i: number): number {
  const job = stores.jobs.create(newJob(`u${i % 3}`, { seed: i }));
  stores.jobs.markRunning(job.id);
  const png = new Uint8Array(20_000).fill(i & 255);
  new DataView(png.buffer).setUint32(0, i); // every job its own picture
  stores.jobs.markDone(job.id, [{ png, seed: i, width: 8, height: 8 }]);
  return job.id;
}

test('a backup taken while jobs are written is consistent, has every image it refers to, and restores', async () => {
  const data = tempDir('atelier-data-');
  const stores = openStores(join(data, 'atelier.db'));
  for (let i = 0; i < 50; i++) finish(stores, i);
  // The bot keeps writing while the backup runs.
  let writing = true;
  let n = 50;
  const writer = (async () => {
    while (writing) {
      finish(stores, n++);
      await new Promise((r) => setImmediate(r));
    }
  })();
  const out = tempDir('atelier-backup-');
  const report = await backup(stores.database.path, out);
  writing = false;
  await writer;
  assert.equal(report.imagesMissing, 0);
  assert.ok(report.imagesCopied >= 50, `copied ${report.imagesCopied}`);

  // Restore: the copy opens as a database whose every image is readable from the copied folder.
  const restored = openDatabase(join(out, 'atelier.db'));
  try {
    const s = createStores(restored, options);
    const ids = restored.sqlite
      .prepare("SELECT id FROM jobs WHERE state = 'done' ORDER BY id")
      .pluck()
      .all() as number[];
    assert.ok(ids.length >= 50 && ids.length <= n);
    for (const id of ids) assert.equal(s.jobs.image(id, 0)?.png.length, 20_000, `image of job ${id}`);
    assert.equal(restored.sqlite.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    restored.close();
  }

  // Again into the same folder: only what is new is copied.
  const again = await backup(stores.database.path, out);
  assert.deepEqual([again.imagesAlreadyThere, again.imagesCopied], [report.imagesCopied, n - report.imagesCopied]);
});

test('npm run backup -- DIR: the command copies the database named by DATABASE_PATH', async () => {
  const data = tempDir('atelier-data-');
  const stores = openStores(join(data, 'atelier.db'));
  finish(stores, 1);
  const out = join(tempDir('atelier-backup-'), 'nested');
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/backup.ts'), out],
    {
      cwd: data,
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: stores.database.path },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr.on('data', (c: Buffer) => (text += c.toString()));
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, text);
  assert.match(text, /Backed up .* and 1 new image file/);
  assert.ok(existsSync(join(out, 'atelier.db')));
});
