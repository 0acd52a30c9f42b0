// `npm start` before the bot is set up: the messages that say exactly what to do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { INVITE_PERMISSIONS, inviteLink, setupHelp } from '../src/discord/setup.ts';
import { startDiscordEmulator } from './support/discord/index.ts';
import { spawnEntry } from './support/bot.ts';
import { tinyModel } from './support/models.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Runs src/main.ts in an empty folder (no .env) with only these variables (the playground off unless given). */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'atelier-main-'));
  try {
    return spawnSync(process.execPath, ['--import', tsx, main], {
      cwd,
      env: { PATH: process.env.PATH ?? '', PLAYGROUND_PORT: '0', HEALTH_PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** The same through the test harness, without blocking this process (for tests whose stand-in servers run here). */
async function startAsync(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'atelier-main-'));
  try {
    const p = spawnEntry('src', {
      cwd,
      env: { PATH: process.env.PATH ?? '', PLAYGROUND_PORT: '0', HEALTH_PORT: '0', ...env },
    });
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 60_000);
    const [status] = await p.exited;
    clearTimeout(timer);
    return { status, output: p.output.join('\n') };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe('npm start', () => {
  it('without a token and with the playground off: exits 1 saying how to create the app, which scopes and permissions, where the token goes', () => {
    const r = start({});
    assert.equal(r.status, 1);
    assert.match(r.stderr, /https:\/\/discord\.com\/developers\/applications/);
    assert.match(r.stderr, /DISCORD_TOKEN=<the token>/);
    assert.match(r.stderr, /scopes "bot" and "applications\.commands"/);
    assert.match(r.stderr, /View Channels, Send Messages, Attach Files and Embed Links/);
    assert.match(r.stderr, /set DISCORD_APPLICATION_ID .* to have the link printed/);
    assert.doesNotMatch(r.stderr, /oauth2\/authorize/);
  });

  it('prints the invite link when the application id is known', () => {
    const r = start({ DISCORD_APPLICATION_ID: '123456789012345678' });
    assert.equal(r.status, 1);
    assert.ok(
      r.stderr.includes(
        'https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot%20applications.commands&permissions=52224',
      ),
    );
  });

  it('without a model: names the command that gets one', () => {
    const r = start({ DISCORD_TOKEN: 'x', MODELS_PATH: join(tmpdir(), 'atelier-no-models-here') });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /No model is installed\. Download one with `npm run models -- pull sd-turbo`/);
  });

  it('runs compiled: `npm run build` writes dist/, and node runs it without tsx', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(build.status, 0, build.stderr + build.stdout);
    const cwd = mkdtempSync(join(tmpdir(), 'atelier-main-'));
    try {
      const r = spawnSync(process.execPath, [join(root, 'dist/src/main.js')], {
        cwd,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /DISCORD_TOKEN=<the token>/);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('asks only for what the bot uses', () => {
    // View Channels | Send Messages | Embed Links | Attach Files; no Administrator, Manage Messages or emoji rights.
    assert.equal(INVITE_PERMISSIONS, 52224n);
    assert.match(inviteLink('42'), /client_id=42&scope=bot%20applications\.commands&permissions=52224/);
    assert.match(setupHelp({ discord: { applicationId: '42' } } as never), /client_id=42/);
  });

  it('a machine that cannot reach Discord is told so (DNS), not to reset its token', async () => {
    const r = await startAsync({
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.x.y',
      DISCORD_API_URL: 'http://atelier-offline.invalid/api',
      MODEL_DIR: await tinyModel({}),
      EXECUTION_PROVIDERS: 'cpu',
    });
    assert.equal(r.status, 1, r.output);
    assert.match(
      r.output,
      /Could not connect to Discord: (the name atelier-offline\.invalid could not be resolved|atelier-offline\.invalid could not be reached)/,
    );
    assert.match(r.output, /DISCORD_TOKEN was not checked/);
    assert.doesNotMatch(r.output, /Reset Token/);
  });

  it('a token Discord refuses is named as the cause, with where to get a new one', async () => {
    const discord = await startDiscordEmulator();
    try {
      const r = await startAsync({
        DISCORD_TOKEN: `${discord.token}x`,
        DISCORD_API_URL: discord.apiBase,
        MODEL_DIR: await tinyModel({}),
        EXECUTION_PROVIDERS: 'cpu',
      });
      assert.equal(r.status, 1, r.output);
      assert.match(r.output, /Discord refused DISCORD_TOKEN \(401 Unauthorized\).*Reset Token/);
    } finally {
      await discord.close();
    }
  });

  it('an unusable DATABASE_PATH is named with the fix, not a raw SqliteError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-main-db-'));
    try {
      writeFileSync(join(dir, 'data'), 'a file where the folder should be');
      const demo = fileURLToPath(new URL('../models/demo', import.meta.url));
      const r = start({ DISCORD_TOKEN: 'x', MODEL_DIR: demo, DATABASE_PATH: join(dir, 'data', 'atelier.db') });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /DATABASE_PATH is .*atelier\.db, but a file is in the way of its folder/);
      assert.match(r.stderr, /Fix: set DATABASE_PATH/);
      assert.doesNotMatch(r.stderr, /SqliteError| {4}at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
