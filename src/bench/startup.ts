/**
 * `npm run bench -- startup [--rounds 5]`: start-up time of the compiled bot (`node dist/src/main.js`, what
 * `npm start` and the systemd unit run, on a tiny generated model) against the local Discord stand-in, next to a bare
 * discord.js login (import, new Client, login, READY) in the same run and on the same stand-in. Both are timed from
 * spawn to the line the process prints at READY, alternating, and the medians are compared. Prints JSON: the bare
 * login, the bot to gateway READY (ratio target <= 1.5) and the bot to taking jobs (READY and the model loaded).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { botProcessEnv } from '../../tests/support/bot-env.ts';
import { startDiscordEmulator } from '../../tests/support/discord/index.ts';
import { repoRoot } from '../paths.ts';

const BARE_LOGIN = `
import { Client, GatewayIntentBits } from 'discord.js';
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL } });
client.once('clientReady', () => { console.log('gateway ready'); void client.destroy().then(() => process.exit(0)); });
await client.login(process.env.DISCORD_TOKEN);
`;

/** Spawns a process and resolves with the ms from spawn until each pattern first appears in its output. */
async function timeTo(
  args: string[],
  opts: { cwd: string; env: Record<string, string> },
  patterns: RegExp[],
): Promise<number[]> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  const times: (number | undefined)[] = patterns.map(() => undefined);
  let output = '';
  const done = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      patterns.forEach((p, i) => {
        if (times[i] === undefined && p.test(output)) times[i] = performance.now() - t0;
      });
      if (times.every((t) => t !== undefined)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`exited before ${patterns.join(', ')}:\n${output}`)));
    setTimeout(() => reject(new Error(`not ready within 120 s:\n${output}`)), 120_000).unref();
  });
  try {
    await done;
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  }
  return times as number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r1 = (x: number) => Math.round(x);

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { rounds: { type: 'string', default: '5' } } });
  const rounds = Number(values.rounds);
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const discord = await startDiscordEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-startup-'));
  try {
    const env = await botProcessEnv(discord, dir, { LOG_LEVEL: 'info', PLAYGROUND_PORT: '0', HEALTH_PORT: '0' });
    const bare: number[] = [];
    const gateway: number[] = [];
    const answering: number[] = [];
    const serving: number[] = [];
    for (let i = 0; i <= rounds; i++) {
      const b = await timeTo(['--input-type=module', '-e', BARE_LOGIN], { cwd: repoRoot, env }, [/gateway ready/]);
      const [g, a, s] = await timeTo(['--enable-source-maps', join(repoRoot, 'dist/src/main.js')], { cwd: dir, env }, [
        /gateway ready/,
        /answering interactions/,
        /discord ready/,
      ]);
      if (i === 0) continue; // warm-up: the first of each fills the file cache
      bare.push(b[0]!);
      gateway.push(g!);
      answering.push(a!);
      serving.push(s!);
    }
    const m = {
      bare: median(bare),
      gateway: median(gateway),
      answering: median(answering),
      serving: median(serving),
    };
    console.log(
      JSON.stringify(
        {
          rounds,
          bareLoginMs: r1(m.bare),
          botToGatewayReadyMs: r1(m.gateway),
          botToAnsweringMs: r1(m.answering),
          botToTakingJobsMs: r1(m.serving),
          ratioGatewayReady: Math.round((m.gateway / m.bare) * 100) / 100,
          ratioAnswering: Math.round((m.answering / m.bare) * 100) / 100,
          ratioTakingJobs: Math.round((m.serving / m.bare) * 100) / 100,
          target: 'ratioGatewayReady <= 1.5',
          loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
          samples: {
            bare: bare.map(r1),
            gateway: gateway.map(r1),
            answering: answering.map(r1),
            serving: serving.map(r1),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
