// When the bot dies mid-generation, the inference process exits quietly: no unhandled EPIPE stack on its stderr.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { waitUntil } from '../support/wait.ts';

test('the inference process exits quietly when its parent is killed mid-generation', async () => {
  const parent = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./orphan-parent.ts', import.meta.url))],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  parent.stdout.on('data', (c: Buffer) => (out += c.toString()));
  parent.stderr.on('data', (c: Buffer) => (err += c.toString()));
  // The worker inherits these pipes: they reach end-of-file once both processes are gone.
  const closed = Promise.all([once(parent.stdout, 'end'), once(parent.stderr, 'end')]);
  const [, signal] = (await once(parent, 'exit')) as [number | null, NodeJS.Signals | null];
  assert.equal(signal, 'SIGKILL', `the stand-in bot should have been killed:\n${out}\n${err}`);
  const pid = Number(/worker (\d+)/.exec(out)?.[1]);
  assert.ok(pid > 0, out);
  await waitUntil(
    () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    },
    { timeout: 20_000, what: 'the orphaned inference process to exit' },
  );
  await closed;
  assert.doesNotMatch(err, /EPIPE|ERR_IPC|Error|at /, `the inference process printed:\n${err}`);
});
