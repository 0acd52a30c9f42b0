/** Fixtures every store and queue test needs: a temporary folder removed after the test, and a clock moved by hand. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh temporary folder, removed after the current test (or file, at its top level). */
export function tempDir(prefix = 'atelier-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock the test moves by hand (epoch ms), from 2026-01-15 12:00 UTC unless told. */
export function testClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, {
    set: (t: number) => void (now = t),
    advance: (ms: number) => void (now += ms),
  });
}
