// The logger: JSON lines with the job's fields, credentials redacted by field name and by value.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { captureLogs, jobLog, log, redactConfigSecrets, setLogLevel } from '../src/log.ts';

// These tests read info lines: the default level, whatever another test file in the same process set.
before(() => setLogLevel('info'));

const TOKEN = 'MTE5ODYyMjQ4MzQ3MTkyNTI0OA.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB';

function capture(fn: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const restore = captureLogs(lines);
  try {
    fn();
  } finally {
    restore();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('a job line is one JSON object with the job id, user and guild bound by the child logger', () => {
  const [line, ...rest] = capture(() =>
    jobLog(log, { id: 42, userId: 'u1', guildId: 'g1' }).warn('could not update a job message', { final: true }),
  );
  assert.equal(rest.length, 0);
  assert.deepEqual(
    { ...line, time: undefined },
    {
      level: 'warn',
      time: undefined,
      jobId: 42,
      userId: 'u1',
      guildId: 'g1',
      final: true,
      msg: 'could not update a job message',
    },
  );
  assert.match(String(line!.time), /^\d{4}-\d\d-\d\dT/);
});

test('errors keep their type, message and stack under any key', () => {
  const [line] = capture(() =>
    log.error('job failed with a bug', { errorId: 'ab12cd34', error: new TypeError('disk on fire') }),
  );
  const error = line!.error as { type: string; message: string; stack: string };
  assert.equal(error.type, 'TypeError');
  assert.equal(error.message, 'disk on fire');
  assert.match(error.stack, /TypeError: disk on fire\n\s+at /);
});

test('the Discord token never appears: not as a field, nor inside a message, an error or a nested field', () => {
  redactConfigSecrets({
    discord: { token: 'plain-secret-without-shape-123' },
    models: { hubToken: undefined },
    playground: { accessToken: undefined },
    redis: { url: 'redis://:p%40ss-word-99@h:6379' },
  });
  const lines = capture(() => {
    log.info('login', {
      token: TOKEN,
      headers: { Authorization: `Bot ${TOKEN}` },
      job: { interactionToken: 'aW50ZXJhY3Rpb24' },
    });
    log.warn(`failed with Bot ${TOKEN}`, { err: new Error(`401 for ${TOKEN}`) });
    log.error('config', { value: 'plain-secret-without-shape-123', url: 'redis://:p@ss-word-99@h:6379' });
    log.child({ apiKey: 'k-123456789' }).info('child');
  });
  const text = lines.map((l) => JSON.stringify(l)).join('\n');
  assert.equal(lines.length, 4);
  for (const secret of [
    TOKEN,
    'GhXyZa',
    'aW50ZXJhY3Rpb24',
    'plain-secret-without-shape-123',
    'p@ss-word-99',
    'k-123456789',
  ]) {
    assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  }
  assert.equal(lines[0]!.token, '[redacted]');
  assert.match(String(lines[1]!.msg), /^failed with Bot \[redacted\]$/);
});

test('the level threshold applies', () => {
  setLogLevel('warn');
  try {
    assert.deepEqual(
      capture(() => {
        log.info('hidden');
        log.warn('shown');
      }).map((l) => l.msg),
      ['shown'],
    );
  } finally {
    setLogLevel('info');
  }
});
