// The processes a test starts, seen from /proc (Linux): a process's descendants, and freezing a bot's inference
// processes so that a running job cannot finish before the test's next signal arrives.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The bot's inference processes (the forked worker), frozen with SIGSTOP so that the running job cannot finish before
 * the test's signals arrive, whatever the machine's speed: a stand-in for a long step on a real model. Returns the
 * thaw.
 */
export function freezeInference(botPid: number): () => void {
  const frozen = descendants(botPid).filter((p) => {
    try {
      return /inference[/\\]worker\.(js|ts)/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
  assert.ok(frozen.length > 0, 'found the inference process');
  for (const p of frozen) process.kill(p, 'SIGSTOP');
  return () => {
    for (const p of frozen) {
      try {
        process.kill(p, 'SIGCONT');
      } catch {
        // already gone
      }
    }
  };
}

/** A process's state, parent and group from /proc/<pid>/stat; undefined once it is gone. */
export function procStat(pid: number): { state: string; ppid: number; pgid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, ppid: Number(f[1]), pgid: Number(f[2]) };
  } catch {
    return undefined;
  }
}

/** Every process whose parent chain leads to `pid`, from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) parents.set(Number(name), stat.ppid);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents)
      if (parent === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}
