// Stopping the real entry point the way a terminal and systemd do: `npm start` (whatever it runs) in its own process
// group against the local Discord, signalled as a group (Ctrl-C, `systemctl stop` with KillMode=control-group) or
// with only npm told (KillMode=mixed aimed at npm). Every stop must leave each job delivered or queued at the head
// of the line with a message that says so, no message at a step, and no process behind.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startDiscordEmulator, type DiscordEmulator, type InteractionHandle } from '../support/discord/index.ts';
import { botProcessEnv } from '../support/bot-env.ts';
import { waitUntil } from '../support/wait.ts';
import { isSettled } from './harness.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = import.meta.resolve('tsx');
const linux = process.platform === 'linux';

interface Bot {
  child: ChildProcess;
  output: string[];
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

interface JobRow {
  id: number;
  state: string;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** Every live (not zombie) process whose parent chain leads to `pid`, from /proc. */
/**
 * The bot's inference processes (the forked worker), frozen with SIGSTOP so that the running job cannot finish before
 * the test's signals arrive, whatever the machine's speed: a stand-in for a long step on a real model.
 */
function freezeInference(botPid: number): () => void {
  const frozen = descendants(botPid).filter((p) => {
    try {
      return /inference[/\\]worker\.(js|ts)/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
  assert.ok(frozen.length > 0, 'found the inference process');
  for (const p of frozen) process.kill(p, 'SIGSTOP');
  return () => {
    for (const p of frozen) {
      try {
        process.kill(p, 'SIGCONT');
      } catch {
        // already gone
      }
    }
  };
}

function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) parents.set(Number(name), stat.ppid);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents)
      if (parent === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

function procStat(pid: number): { state: string; ppid: number; pgid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, ppid: Number(f[1]), pgid: Number(f[2]) };
  } catch {
    return undefined;
  }
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
  let discord: DiscordEmulator;
  let dir: string;
  let env: Record<string, string>;
  const bots: Bot[] = [];
  const seen = new Set<number>();

  before(async () => {
    discord = await startDiscordEmulator();
    dir = mkdtempSync(join(tmpdir(), 'atelier-stop-'));
    env = await botProcessEnv(discord, dir, {
      HOME: process.env.HOME ?? dir,
      DEFAULT_STEPS: '2',
      MAX_STEPS: '200',
      MAX_WIDTH: '256',
      MAX_HEIGHT: '256',
      LOG_LEVEL: 'info',
    });
    // Register the slash commands the way the README's deploy step does (in a child: the emulator answers here).
    const deploy = spawn(process.execPath, ['--import', tsx, join(root, 'src/cli/commands.ts'), 'deploy'], {
      cwd: dir,
      env,
      stdio: 'inherit',
    });
    assert.equal((await once(deploy, 'exit'))[0], 0);
  });
  after(async () => {
    // A failed test must not leave bots behind: each one's process group, and every process seen in its tree.
    for (const b of bots) {
      for (const pid of descendants(b.child.pid!)) seen.add(pid);
      try {
        process.kill(-b.child.pid!, 'SIGKILL');
      } catch {
        // The group is gone.
      }
    }
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const b of bots) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
    await discord?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Starts the bot in a new process group (as a shell does for a foreground job) and resolves once the gateway is
   * ready and the inference process is up. `npm`: `npm start`; `node`: the command `npm start` runs, without npm.
   */
  async function startBot(how: 'npm' | 'node', extra: Record<string, string>): Promise<Bot> {
    let cmd: string;
    let args: string[];
    if (how === 'npm') {
      [cmd, args] = ['npm', ['start', '--silent']];
    } else {
      const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
        .scripts.start;
      const [bin, ...rest] = script.split(/\s+/);
      assert.ok(bin === 'node' || bin === 'tsx', `npm start runs ${script}: teach this test to run it without npm`);
      [cmd, args] = [process.execPath, bin === 'tsx' ? ['--import', tsx, ...rest] : rest];
    }
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...env, ...extra },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const bot = { child, output, exited };
    bots.push(bot);
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output.push(...chunk.toString().split('\n').filter(Boolean));
        if (output.some((l) => /discord ready/.test(l))) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then(([code]) =>
        reject(new Error(`the bot exited (${code}) before it was ready:\n${output.join('\n')}`)),
      );
    });
    await waitUntil(() => descendants(child.pid!).some((p) => cmdline(p).includes('inference/worker')), {
      what: 'the inference process',
    });
    return bot;
  }

  /** Records the bot's processes, then checks after it exits that none is left (the inference process included). */
  function tree(bot: Bot): number[] {
    const pids = [bot.child.pid!, ...descendants(bot.child.pid!)];
    for (const p of pids) seen.add(p);
    return pids;
  }
  async function assertNothingLeft(pids: number[], timeout = 15_000): Promise<void> {
    await waitUntil(() => pids.every((p) => !alive(p)), { what: `processes ${pids.join(', ')} to be gone`, timeout });
  }

  function jobs(): JobRow[] {
    const db = new BetterSqlite3(env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare('SELECT id, state, attempts, started_at AS startedAt, finished_at AS finishedAt FROM jobs ORDER BY id')
        .all() as JobRow[];
    } finally {
      db.close();
    }
  }
  const job = (id: number) => jobs().find((j) => j.id === id);
  const painting = (h: InteractionHandle) => /Painting: step [1-9]/.test(discord.original(h).content);

  const handles: InteractionHandle[] = [];
  /** No message of any job is left showing a step, a start or a place in the queue once everything is delivered. */
  function assertAllSettled(): void {
    for (const h of handles) {
      const m = discord.original(h);
      assert.ok(isSettled(m) && m.files.length === 1, `message of ${h.id} is delivered, not stuck at: ${m.content}`);
    }
  }

  it('SIGTERM to the process group mid-job: the job finishes within SHUTDOWN_GRACE_S, then everything exits', async () => {
    const bot = await startBot('npm', { SHUTDOWN_GRACE_S: '60' });
    const h = discord.slashCommand(
      'imagine',
      { prompt: 'finished during a deploy', steps: 200, aspect: '16:9' },
      { user: discord.users.alice },
    );
    handles.push(h);
    await waitUntil(() => job(1)?.state === 'running' && painting(h), { what: 'the job to paint', timeout: 30_000 });
    const pids = tree(bot);
    process.kill(-bot.child.pid!, 'SIGTERM');
    // npm itself dies of the signal at once; the bot and its inference process stop on their own.
    await assertNothingLeft(pids, 90_000);
    assert.equal(job(1)!.state, 'done');
    assert.ok(isSettled(discord.original(h)) && discord.original(h).files.length === 1, 'delivered before the exit');
    assert.ok(bot.output.some((l) => /stopped/.test(l)));
    await assertNothingLeft(pids);
  });

  it('SIGTERM past the grace: the running job goes back to the head of the line (ahead of an older waiting job) and says so', async () => {
    const bot = await startBot('npm', { SHUTDOWN_GRACE_S: '1' });
    const { alice, bob } = discord.users;
    // Bob's first job runs; Bob's second (id 3) and Alice's (id 4) wait; fairness runs Alice's next, ahead of id 3.
    handles.push(discord.slashCommand('imagine', { prompt: 'quick one' }, { user: bob }));
    await waitUntil(() => job(2)?.state === 'running' || job(2)?.state === 'done', {
      what: 'job 2 to start',
      timeout: 30_000,
    });
    handles.push(discord.slashCommand('imagine', { prompt: 'waits its turn' }, { user: bob }));
    await waitUntil(() => job(3) !== undefined, { what: 'job 3' });
    const long = discord.slashCommand(
      'imagine',
      { prompt: 'a long one, interrupted', steps: 200, aspect: '16:9' },
      { user: alice },
    );
    handles.push(long);
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
    assert.match(discord.original(long).content, /The bot is restarting; this job is first in line/);
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
    assert.match(discord.original(long).content, /The bot is restarting; this job is first in line/);
    await assertNothingLeft(pids);
  });

  it('after a restart both waiting jobs are delivered, the interrupted one first; SIGTERM to npm alone leaves no orphan', async () => {
    const bot = await startBot('npm', { SHUTDOWN_GRACE_S: '60' });
    await Promise.all(
      handles.map((h) =>
        discord.waitForMessage((m) => m.id === discord.original(h).id && isSettled(m) && m.files.length === 1, {
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
    assert.equal(discord.specReport(), '');
  });
});
