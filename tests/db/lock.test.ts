import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { acquireBotLock } from '../../src/db/lock.ts';
import { UserError } from '../../src/errors.ts';

test('the bot lock: taken once, refused while its holder lives, taken over from a dead one, released', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-lock-'));
  try {
    const db = join(dir, 'atelier.db');
    const lock = acquireBotLock(db);
    assert.equal(readFileSync(`${db}.lock`, 'utf8').trim(), String(process.pid));
    // Another live process holds it (this test's parent stands in for a running bot).
    writeFileSync(`${db}.lock`, `${process.ppid}\n`);
    assert.throws(
      () => acquireBotLock(db, 999_999_999),
      (err: unknown) =>
        err instanceof UserError && err.message.includes(`(process ${process.ppid}) is already running`),
    );
    // A lock left by a process that has exited is taken over.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${db}.lock`, `${dead}\n`);
    const again = acquireBotLock(db);
    assert.equal(readFileSync(`${db}.lock`, 'utf8').trim(), String(process.pid));
    again.release();
    assert.equal(existsSync(`${db}.lock`), false);
    lock.release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
