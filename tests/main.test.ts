// `npm start` before the bot is set up: the messages that say exactly what to do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { INVITE_PERMISSIONS, inviteLink, setupHelp } from '../src/discord/setup.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Runs src/main.ts in an empty folder (no .env) with only these variables (the playground off unless given). */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'atelier-main-'));
  try {
    return spawnSync(process.execPath, ['--import', tsx, main], { cwd, env: { PATH: process.env.PATH ?? '', PLAYGROUND_PORT: '0', ...env }, encoding: 'utf8', timeout: 30_000 });
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
    assert.ok(r.stderr.includes('https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot%20applications.commands&permissions=52224'));
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
      const r = spawnSync(process.execPath, [join(root, 'dist/src/main.js')], { cwd, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000 });
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
});
