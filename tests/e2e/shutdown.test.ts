// Stopping the real entry point the way a terminal and systemd do: `npm start` (whatever it runs) in its own process
// group against the local Discord, signalled as a group (Ctrl-C, `systemctl stop` with KillMode=control-group) or
// with only npm told (KillMode=mixed aimed at npm). Every stop must leave each job delivered or queued at the head
// of the line with a message that says so, no message at a step, and no process behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { InteractionHandle } from '../support/discord/index.ts';
import { isSettled, useBotProcesses, waitForLine, type Proc } from '../support/bot.ts';
import { descendants, freezeInference, procStat } from '../support/processes.ts';
import { waitUntil } from '../support/wait.ts';

const linux = process.platform === 'linux';

interface JobRow {
  id: number;
  state: string;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const alive = (pid: number) => {
  const s = procStat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
};

describe('stopping `npm start` with signals, as a terminal and systemd do', { skip: !linux && 'reads /proc' }, () => {
  const seen = new Set<number>();
  const w = useBotProcesses(
    {
      env: {
        HOME: process.env.HOME ?? '/tmp',
      },
    },
    async (w) => {
      // Register the slash commands the way the README's deploy step does (in a child: the emulator answers here).
      const deploy = await w.cli('commands', ['deploy']);
      assert.equal(deploy.status, 0, deploy.stderr);
    },
  );
  after(() => {
    // A failed test must not leave bots behind: every process seen in a bot's tree (the harness stops the groups).
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  /**
   * Starts the bot in a new process group (as a shell does for a foreground job) and resolves once the gateway is
   * ready and the inference process is up. `npm`: `npm start`; `node`: the command `npm start` runs, without npm.
   */
  async function startBot(how: 'npm' | 'node', env: Record<string, string>): Promise<Proc> {
    const bot = await w.start(how, { env });
    await waitUntil(() => descendants(bot.child.pid!).some((p) => cmdline(p).includes('inference/worker')), {
      what: 'the inference process',
    });
    return bot;
  }

  /** Records the bot's processes, then checks after it exits that none is left (the inference process included). */
  function tree(bot: Proc): number[] {
    const pids = [bot.child.pid!, ...descendants(bot.child.pid!)];
    for (const p of pids) seen.add(p);
    return pids;
  }
  async function assertNothingLeft(pids: number[], timeout = 15_000): Promise<void> {
    await waitUntil(() => pids.every((p) => !alive(p)), { what: `processes ${pids.join(', ')} to be gone`, timeout });
  }

  const jobs = () =>
    w.query<JobRow>(
      'SELECT id, state, attempts, started_at AS startedAt, finished_at AS finishedAt FROM jobs ORDER BY id',
    );
  const job = (id: number) => jobs().find((j) => j.id === id);
  const painting = (h: InteractionHandle) => /Painting: step [1-9]/.test(w.discord.original(h).content);

  const handles: InteractionHandle[] = [];
  /** No message of any job is left showing a step, a start or a place in the queue once everything is delivered. */
  function assertAllSettled(): void {
    for (const h of handles) {
      const m = w.discord.original(h);
      assert.ok(isSettled(m) && m.files.length === 1, `message of ${h.id} is delivered, not stuck at: ${m.content}`);
    }
  }

  it('SIGTERM to the process group mid-job: the job finishes within SHUTDOWN_GRACE_S, then everything exits', async () => {
    const bot = await startBot('npm', { SHUTDOWN_GRACE_S: '60' });
    const h = w.discord.slashCommand(
      'imagine',
      { prompt: 'finished during a deploy', steps: 200, aspect: '16:9' },
      { user: w.discord.users.alice },
    );
    handles.push(h);
    await waitUntil(() => job(1)?.state === 'running' && painting(h), { what: 'the job to paint', timeout: 30_000 });
    const pids = tree(bot);
    process.kill(-bot.child.pid!, 'SIGTERM');
    // npm itself dies of the signal at once; the bot and its inference process stop on their own.
    await assertNothingLeft(pids, 90_000);
    assert.equal(job(1)!.state, 'done');
    assert.ok(
      isSettled(w.discord.original(h)) && w.discord.original(h).files.length === 1,
      'delivered before the exit',
    );
    await waitForLine(bot, /stopped/, 10_000); // its last line may still be on its way through the pipe
    await assertNothingLeft(pids);
  });

  it('SIGTERM past the grace: the running job goes back to the head of the line (ahead of an older waiting job) and says so', async () => {
    const bot = await startBot('npm', { SHUTDOWN_GRACE_S: '1' });
    const { alice, bob } = w.discord.users;
    // Bob's first job runs; Bob's second (id 3) and Alice's (id 4) wait; fairness runs Alice's next, ahead of id 3.
    // The inference process is frozen until both wait: a quick job can otherwise end before the next one arrives.
    const hold = freezeInference(bot.child.pid!);
    handles.push(w.discord.slashCommand('imagine', { prompt: 'quick one' }, { user: bob }));
    await waitUntil(() => job(2)?.state === 'running', { what: 'job 2 to start', timeout: 30_000 });
    handles.push(w.discord.slashCommand('imagine', { prompt: 'waits its turn' }, { user: bob }));
    await waitUntil(() => job(3) !== undefined, { what: 'job 3' });
    const long = w.discord.slashCommand(
      'imagine',
      { prompt: 'a long one, interrupted', steps: 200, aspect: '16:9' },
      { user: alice },
    );
    handles.push(long);
    await waitUntil(() => job(4) !== undefined, { what: 'job 4' });
    hold();
    await waitUntil(() => job(4)?.state === 'running' && painting(long), { what: 'job 4 to paint', timeout: 30_000 });
    assert.equal(job(3)!.state, 'queued');
    const pids = tree(bot);
    const thaw = freezeInference(bot.child.pid!);
    process.kill(-bot.child.pid!, 'SIGTERM');
    await waitUntil(() => job(4)?.state === 'queued', {
      what: 'job 4 to go back in line after the grace',
      timeout: 30_000,
    });
    thaw();
    await assertNothingLeft(pids, 30_000);
    assert.deepEqual([job(3)!.state, job(4)!.state], ['queued', 'queued']);
    assert.match(w.discord.original(long).content, /The bot is restarting; this job is first in line/);
  });

  it('Ctrl-C twice (node directly): stops at once, the job goes back to the head of the line again', async () => {
    const bot = await startBot('node', { SHUTDOWN_GRACE_S: '60' });
    const long = handles[3]!;
    // Frozen as soon as the bot takes jobs, so that job 4 (which takes a second here) is still running at the second
    // Ctrl-C on any machine.
    const thaw = freezeInference(bot.child.pid!);
    // Back first, ahead of job 3, which is older.
    await waitUntil(() => job(4)?.state === 'running' && job(4)!.attempts === 2, {
      what: 'job 4 to run again',
      timeout: 30_000,
    });
    assert.equal(job(3)!.state, 'queued');
    const pids = tree(bot);
    const t0 = Date.now();
    process.kill(-bot.child.pid!, 'SIGINT');
    await waitUntil(() => bot.output.some((l) => /shutting down/.test(l)), { what: 'the first Ctrl-C to be seen' });
    await new Promise((r) => setTimeout(r, 700)); // a person's second Ctrl-C, not a relay of the first
    process.kill(-bot.child.pid!, 'SIGINT');
    await waitUntil(() => job(4)?.state === 'queued', {
      what: 'job 4 to go back in line at the second Ctrl-C',
      timeout: 15_000,
    });
    thaw();
    const [code] = await bot.exited;
    assert.ok(Date.now() - t0 < 15_000, 'a second Ctrl-C does not wait for the 60 s grace');
    assert.equal(code, 130, bot.output.join('\n'));
    assert.deepEqual([job(3)!.state, job(4)!.state], ['queued', 'queued']);
    assert.match(w.discord.original(long).content, /The bot is restarting; this job is first in line/);
    await assertNothingLeft(pids);
  });

  it('after a restart both waiting jobs are delivered, the interrupted one first; SIGTERM to npm alone leaves no orphan', async () => {
    const bot = await startBot('npm', { SHUTDOWN_GRACE_S: '60' });
    await Promise.all(
      handles.map((h) =>
        w.discord.waitForMessage((m) => m.id === w.discord.original(h).id && isSettled(m) && m.files.length === 1, {
          timeout: 120_000,
        }),
      ),
    );
    const rows = jobs();
    assert.deepEqual(
      rows.map((j) => j.state),
      ['done', 'done', 'done', 'done'],
    );
    assert.ok(rows[3]!.startedAt! < rows[2]!.startedAt!, 'the interrupted job ran before the one that waited');
    assertAllSettled();
    // systemd with KillMode=mixed, or `kill <npm pid>`: only npm is told, and npm exits without passing it on.
    const pids = tree(bot);
    process.kill(bot.child.pid!, 'SIGTERM');
    await bot.exited;
    await assertNothingLeft(pids, 30_000);
    assert.equal(w.discord.specReport(), '');
  });
});
