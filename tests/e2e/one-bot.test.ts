// One bot per database: a second bot started on the same database refuses to start, within seconds, naming the
// first one's pid; the first bot's running job is not put back in the queue. The files are private (0600).
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { useBotProcesses, waitForLine } from '../support/bot.ts';
import { waitUntil } from '../support/wait.ts';

describe('one bot per database', () => {
  const w = useBotProcesses({
    env: {
      SHUTDOWN_GRACE_S: '1',
    },
  });
  const start = () => w.spawn('src');
  const ready = (p: ReturnType<typeof start>) => waitForLine(p, /discord ready/);
  const jobs = () =>
    w.query<{ id: number; state: string; attempts: number }>('SELECT id, state, attempts FROM jobs ORDER BY id');

  it("refuses a second bot, naming the first one's pid, and leaves the first one's running job alone", async () => {
    const first = start();
    await ready(first);
    await w.deploy();
    w.discord.slashCommand('imagine', { prompt: 'a long job', steps: 200, aspect: '16:9' });
    await waitUntil(() => jobs().some((j) => j.state === 'running'), { timeout: 30_000, what: 'running' });

    const startedAt = Date.now();
    const second = start();
    const [code] = await Promise.race([
      second.exited,
      new Promise<[null, null]>((r) => setTimeout(() => r([null, null]), 20_000)),
    ]);
    const tookMs = Date.now() - startedAt;
    assert.notEqual(code, 0);
    assert.ok(tookMs < 15_000, `refused after ${tookMs} ms`);
    const said = second.output.join('\n');
    assert.match(
      said,
      new RegExp(`Another Atelier bot \\(process ${first.child.pid}\\) is already running on the database`),
    );
    assert.doesNotMatch(said, /discord ready|recover/i);
    // It may have finished meanwhile; it must have run once, never put back in the queue by a second recovery.
    assert.deepEqual(
      jobs().map((j) => j.attempts),
      [1],
      'the running job was not put back in the queue',
    );

    // The database and its WAL files are private to their owner.
    for (const file of [
      w.env.DATABASE_PATH!,
      `${w.env.DATABASE_PATH!}-wal`,
      `${w.env.DATABASE_PATH!}-shm`,
      `${w.env.DATABASE_PATH!}.lock`,
    ]) {
      assert.equal(statSync(file).mode & 0o777, 0o600, file);
    }

    // Once the first bot stops, a new one starts normally (the lock went with it).
    first.child.kill('SIGTERM');
    await first.exited;
    const third = start();
    await ready(third);
    third.child.kill('SIGTERM');
    await third.exited;
  });
});
