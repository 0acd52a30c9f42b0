// The health endpoint and /metrics of the real bot process (the compiled dist/ build, as `npm start` runs it)
// against the local Discord, on a free port; and /health in Discord showing the same state.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REST } from 'discord.js';
import type { Config } from '../../src/config.ts';
import { loadCommands } from '../../src/discord/command.ts';
import { commandBodies, deployCommands } from '../../src/discord/deploy.ts';
import { repoRoot } from '../../src/paths.ts';
import { botProcessEnv } from '../support/bot-env.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';

/** A port nothing listens on now (the kernel's pick), for a child process to listen on. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('health endpoint of a running bot', () => {
  let discord: DiscordEmulator;
  let dir: string;
  let child: ChildProcess;
  let base: string;
  const output: string[] = [];

  before(async () => {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    discord = await startDiscordEmulator();
    dir = mkdtempSync(join(tmpdir(), 'atelier-health-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = await botProcessEnv(discord, dir, {
      HEALTH_PORT: String(port),
      PLAYGROUND_PORT: '0',
      DEFAULT_STEPS: '2',
      MAX_WIDTH: '256',
      MAX_HEIGHT: '256',
      LOG_LEVEL: 'info',
    });
    const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
    await deployCommands(
      rest,
      discord.appId,
      commandBodies(await loadCommands(), { discord: { allowDms: false } } as Pick<Config, 'discord'>),
    );
    child = spawn(process.execPath, [join(repoRoot, 'dist/src/main.js')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (c: Buffer) => output.push(...c.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await waitUntil(() => output.some((l) => /discord ready/.test(l)), {
      what: 'the bot to be ready',
      timeout: 90_000,
    });
  });
  after(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await discord?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('/healthz answers; /readyz reports gateway, database, inference and provider, and never the token', async () => {
    const live = await fetch(`${base}/healthz`);
    assert.equal(live.status, 200);
    const ready = await fetch(`${base}/readyz`);
    const text = await ready.text();
    assert.equal(ready.status, 200, text);
    const r = JSON.parse(text);
    assert.equal(r.ready, true);
    assert.equal(r.gateway.ready, true);
    assert.equal(r.database.writable, true);
    assert.equal(r.inference.alive, true);
    assert.equal(r.inference.provider, 'cpu');
    assert.match(r.inference.model, /^tiny-/);
    assert.ok(!text.includes(discord.token));
    assert.equal((await fetch(`${base}/nothing`)).status, 404);
  });

  it('/metrics: Node defaults with event-loop lag, jobs by state, images, interactions and acknowledgement latency', async () => {
    const handle = discord.slashCommand('imagine', { prompt: 'a red star on the left on a blue background' });
    await discord.waitForMessage(
      (m) => m.id === discord.original(handle).id && /"upscale:/.test(JSON.stringify(m.components)),
      { timeout: 60_000 },
    );
    const scrape = async () => (await fetch(`${base}/metrics`)).text();
    let m = await scrape();
    for (let i = 0; i < 50 && !/atelier_images_total\{model="tiny-[^"]+"\} 4/.test(m); i++) {
      await new Promise((r) => setTimeout(r, 100));
      m = await scrape();
    }
    assert.match(m, /^atelier_images_total\{model="tiny-[^"]+"\} 4$/m);
    assert.match(m, /^nodejs_eventloop_lag_seconds \d/m);
    assert.match(m, /^atelier_jobs\{state="done"\} 1$/m);
    assert.match(m, /^atelier_queue_depth 0$/m);
    assert.match(m, /^atelier_interactions_total\{kind="command"\} 1$/m);
    assert.match(m, /^atelier_interaction_ack_seconds_count 1$/m);
    assert.match(m, /^atelier_generation_seconds_count\{model="tiny-[^"]+",size="\d+x\d+"\} 1$/m);
    assert.match(m, /^atelier_queue_wait_seconds_count 1$/m);
    assert.ok(!m.includes(discord.token));
  });

  it("logs JSON lines, the job's with its id, user and guild, and never the token", async () => {
    const lines = output.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(
      lines.every((l) => typeof l.msg === 'string' && typeof l.level === 'string' && typeof l.time === 'string'),
    );
    const done = lines.find((l) => l.msg === 'job done');
    assert.ok(done, output.join('\n'));
    assert.equal(typeof done.jobId, 'number');
    assert.equal(done.userId, discord.users.alice.id);
    assert.equal(done.guildId, discord.guildId);
    assert.ok(
      lines.some((l) => l.proc === 'inference'),
      'the inference child logs through the same module',
    );
    assert.ok(!output.join('\n').includes(discord.token));
  });

  it('/health shows moderators the same state in Discord', async () => {
    const handle = discord.slashCommand('health', {}, { user: discord.users.owner });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout: 10_000 });
    const reply = discord.original(handle);
    assert.equal(reply.ephemeral, true);
    assert.match(reply.content, /✅ \*\*Ready\*\*/);
    assert.match(reply.content, /Inference: tiny-\S+ on cpu/);
    assert.match(reply.content, /Database: writable/);
  });
});
