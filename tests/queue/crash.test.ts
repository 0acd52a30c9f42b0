// Crash recovery with real processes: a queue process running the real inference client on a tiny model is
// killed with SIGKILL in the middle of a generation; a new queue on the same database finishes every job, each
// exactly once, and the job that was running keeps its place at the front.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import type { NewJob } from '../../src/db/jobs.ts';
import { createInferenceClient } from '../../src/inference/client.ts';
import { createJobQueue } from '../../src/queue/queue.ts';
import { tinyModel } from '../support/models.ts';
import { newJob, openStores, recordEvents, tempDir } from './helpers.ts';

const child = fileURLToPath(new URL('./fixtures/queue-process.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('SIGKILL mid-generation: the next start finishes every job exactly once', { timeout: 180_000 }, async () => {
  const modelDir = await tinyModel({});
  const dir = tempDir();
  const dbPath = join(dir, 'atelier.db');
  openStores(dbPath).database.close(); // create and migrate before two processes share it
  // Enough steps that the second job is still generating when the kill lands.
  const jobs: NewJob[] = ['a', 'b', 'a', 'b'].map((u, i) =>
    newJob(u, { prompt: `job ${i + 1}`, steps: 200, seed: 10 * i, count: 1 }, { model: basename(modelDir) }),
  );
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));

  const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, modelDir, join(dir, 'jobs.json')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  after(() => void proc.kill('SIGKILL'));
  const seen: { id?: number; type: string; step?: number; pid?: number }[] = [];
  let workerPid = 0;
  await new Promise<void>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the queue process exited early (${code})`)));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const e = JSON.parse(line) as (typeof seen)[number];
      seen.push(e);
      if (e.type === 'worker') workerPid = e.pid!;
      const started = seen.filter((s) => s.type === 'started').map((s) => s.id);
      // The second job to start is a few steps in: kill the whole queue process now.
      if (e.type === 'progress' && started.length === 2 && e.id === started[1] && (e.step ?? 0) >= 3) {
        proc.removeAllListeners('exit');
        proc.kill('SIGKILL');
        proc.once('exit', () => resolve());
      }
    });
  });

  const firstRun = seen.filter((s) => s.type === 'done').map((s) => s.id!);
  const ids = seen.filter((s) => s.type === 'submitted').map((s) => s.id!);
  assert.equal(ids.length, 4);
  assert.deepEqual(firstRun, [ids[0]], 'the first job finished before the kill');
  // The orphaned inference process notices its parent is gone and exits.
  for (let i = 0; i < 100 && alive(workerPid); i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(alive(workerPid), false, 'the inference process did not outlive its parent');

  const stores = openStores(dbPath);
  assert.deepEqual(
    ids.map((id) => stores.jobs.get(id)!.state),
    ['done', 'running', 'queued', 'queued'],
  );
  const firstImages = stores.jobs.loadImages(ids[0]!).map((i) => Buffer.from(i.png).toString('base64'));

  const client = createInferenceClient({
    modelDir,
    executionProviders: ['cpu'],
    intraOpThreads: 1,
    bounds: { maxSteps: 1000 },
  });
  after(() => client.close());
  const queue = createJobQueue({
    stores,
    backend: client,
    config: { slots: 1, maxWaiting: 100, maxPerUser: 10, jobTimeoutMs: 120_000, previews: false },
  });
  const events = recordEvents(queue);
  const report = queue.recover();
  assert.deepEqual(report.requeued, [ids[1]]);
  assert.deepEqual(report.queued, ids.slice(1));
  await queue.idle();
  await queue.shutdown();

  assert.deepEqual(events.order('started'), ids.slice(1), 'the interrupted job first, then the others in order');
  // This client was not started: the model loads for the first job, and its member is told so ('loading').
  assert.deepEqual(
    events.types(ids[1]!).filter((t) => t !== 'progress'),
    ['recovered', 'started', 'loading', 'done'],
  );
  assert.equal(
    events.of(ids[1]!)[0]?.type === 'recovered' && (events.of(ids[1]!)[0] as { wasRunning: boolean }).wasRunning,
    true,
  );
  for (const [i, id] of ids.entries()) {
    const row = stores.jobs.get(id)!;
    assert.equal(row.state, 'done', `job ${i + 1} done`);
    const doneTimes = firstRun.filter((x) => x === id).length + events.order('done').filter((x) => x === id).length;
    assert.equal(doneTimes, 1, `job ${i + 1} completed exactly once`);
    const images = stores.jobs.loadImages(id);
    assert.equal(images.length, 1);
    assert.equal(images[0]!.seed, 10 * i);
    assert.deepEqual([...images[0]!.png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  }
  assert.equal(stores.jobs.get(ids[1]!)!.attempts, 2, 'started once before the kill, once after');
  assert.deepEqual(
    stores.jobs.loadImages(ids[0]!).map((i) => Buffer.from(i.png).toString('base64')),
    firstImages,
    'not run again',
  );
});
