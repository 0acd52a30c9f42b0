/**
 * Polls a condition until it holds, for state with no event to await (a database row, the emulator's records).
 * Throws after `timeout` ms, naming what it waited for, so a stuck test fails with a reason instead of hanging.
 */
export async function waitUntil(probe: () => boolean, opts: { what?: string; timeout?: number } = {}): Promise<void> {
  const { what = 'a condition', timeout = 10_000 } = opts;
  const end = Date.now() + timeout;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
