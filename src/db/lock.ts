/**
 * One bot per database. A second bot on the same file would, at start, put the first one's running jobs back in the
 * queue (its recovery cannot tell them from a crash's leftovers), and they would run and be delivered twice. So the
 * bot takes `<database>.lock` beside the database, created exclusively and holding its pid, and refuses to start
 * while another live process holds it. A lock left by a process that died (kill -9, power cut) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { UserError } from '../errors.ts';

export interface BotLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
};

const readPid = (path: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/**
 * Takes the lock for `databasePath` or throws a UserError naming the process that holds it. The lock is released
 * when this process exits normally (process 'exit'), and taken over after a crash.
 */
export function acquireBotLock(databasePath: string, pid = process.pid): BotLock {
  const path = `${databasePath}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readPid(path);
      if (holder !== null && holder !== pid && isAlive(holder)) {
        throw new UserError(
          `Another Atelier bot (process ${holder}) is already running on the database ${databasePath}. ` +
            `Two bots on one database would run and deliver jobs twice: stop that one first (kill ${holder}), or give ` +
            `this one its own DATABASE_PATH. If no bot is running, delete ${path}.`,
          'bot-locked',
        );
      }
      // Left by a process that is gone (or half-written): take it over.
      try {
        unlinkSync(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      continue;
    }
    writeSync(fd, `${pid}\n`);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      if (readPid(path) === pid) {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    };
    process.on('exit', release);
    return { path, release };
  }
  throw new UserError(
    `Could not take the lock ${path}: another bot keeps starting on the same database.`,
    'bot-locked',
  );
}
