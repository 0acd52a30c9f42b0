// One bot per database: a second bot started on the same database refuses to start, within seconds, naming the
// first one's pid; the first bot's running job is not put back in the queue. The files are private (0600).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord/index.ts';
import { botProcessEnv } from '../support/bot-env.ts';
import { waitUntil } from '../support/wait.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = import.meta.resolve('tsx');

describe('one bot per database', () => {
  let discord: DiscordEmulator;
  let dir: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  before(async () => {
    discord = await startDiscordEmulator();
    dir = mkdtempSync(join(tmpdir(), 'atelier-onebot-'));
    env = await botProcessEnv(discord, dir, {
      DEFAULT_STEPS: '2',
      MAX_STEPS: '200',
      MAX_WIDTH: '256',
      MAX_HEIGHT: '256',
      SHUTDOWN_GRACE_S: '1',
      LOG_LEVEL: 'info',
    });
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await discord?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function start(): { child: ChildProcess; output: string[]; exited: Promise<[number | null, NodeJS.Signals | null]> } {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/main.ts')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const output: string[] = [];
    const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    return { child, output, exited: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]> };
  }

  const ready = (output: string[]) =>
    waitUntil(() => output.some((l) => /discord ready/.test(l)), { timeout: 60_000 }).catch((err: Error) => {
      throw new Error(`${err.message}; the bot said:\n${output.join('\n')}`);
    });

  const jobs = () => {
    const db = new BetterSqlite3(env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT id, state, attempts FROM jobs ORDER BY id').all() as {
        id: number;
        state: string;
        attempts: number;
      }[];
    } finally {
      db.close();
    }
  };

  it("refuses a second bot, naming the first one's pid, and leaves the first one's running job alone", async () => {
    const first = start();
    await ready(first.output);
    const { REST } = await import('discord.js');
    const { commandBodies, deployCommands } = await import('../../src/discord/deploy.ts');
    const { loadCommands } = await import('../../src/discord/command.ts');
    const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
    await deployCommands(
      rest,
      discord.appId,
      commandBodies(await loadCommands(), { discord: { allowDms: false } } as never),
    );
    discord.slashCommand('imagine', { prompt: 'a long job', steps: 200, aspect: '16:9' });
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
      env.DATABASE_PATH!,
      `${env.DATABASE_PATH!}-wal`,
      `${env.DATABASE_PATH!}-shm`,
      `${env.DATABASE_PATH!}.lock`,
    ]) {
      assert.equal(statSync(file).mode & 0o777, 0o600, file);
    }

    // Once the first bot stops, a new one starts normally (the lock went with it).
    first.child.kill('SIGTERM');
    await first.exited;
    const third = start();
    await ready(third.output);
    third.child.kill('SIGTERM');
    await third.exited;
  });
});
