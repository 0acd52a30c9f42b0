/**
 * `npm start` under a service manager or in a terminal: when only npm is told to stop (systemd's KillMode=mixed
 * aimed at npm, `kill <npm pid>`), npm exits without passing the signal on and the bot would run on as an orphan.
 * This watches the chain of processes from the bot up to npm (npm, its shell, a launcher) and calls back once one
 * of them is gone. Outside npm nothing is watched, so `nohup node dist/src/main.js &` survives its shell.
 * Linux only (it reads /proc); elsewhere it does nothing.
 */
import { readFileSync } from 'node:fs';

/** At most this many levels up to look for npm (bot <- launcher <- sh <- npm). */
const MAX_DEPTH = 4;

export function watchNpmParent(onGone: () => void, intervalMs = 500): () => void {
  const chain = npmChain(process.ppid);
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    if (chain.every(alive)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The pids from `pid` up to and including the nearest npm process; empty when npm is not among the ancestors. */
function npmChain(pid: number): number[] {
  const chain: number[] = [];
  for (let p = pid, depth = 0; p > 1 && depth < MAX_DEPTH; depth++) {
    chain.push(p);
    if (isNpm(p)) return chain;
    const stat = procStat(p);
    if (!stat) break;
    p = stat.ppid;
  }
  return [];
}

function isNpm(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // npm renames its process to "npm start"; before that (or in other versions) it is node running npm-cli.js.
    return argv.slice(0, 2).some((a) => /(^|\/)npm(-cli\.js)?( |$)/.test(a));
  } catch {
    return false;
  }
}

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  const s = procStat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}
