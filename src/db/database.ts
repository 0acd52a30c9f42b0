/**
 * Opening the SQLite database: pragmas, the parent folder, migrations. Everything that touches SQL goes through a
 * Database, which also carries the clock so that tests can move time.
 */
import { accessSync, chmodSync, closeSync, constants as fsConstants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../errors.ts';
import { migrate } from './migrate.ts';

/** Epoch milliseconds. Injectable so that rolling windows and cooldowns can be tested without waiting. */
export type Clock = () => number;

export interface Database {
  readonly sqlite: BetterSqlite3.Database;
  readonly clock: Clock;
  /** The file, or ':memory:'. */
  readonly path: string;
  close(): void;
}

export interface OpenOptions {
  clock?: Clock;
  /** Migration folder and target version (tests only). */
  migrationsDir?: string;
  targetVersion?: number;
  /** Milliseconds a writer waits for another connection's lock before SQLITE_BUSY (default 5000). */
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) the database at `path` (config.databasePath) and migrates it to the newest schema. */
export function openDatabase(path: string, opts: OpenOptions = {}): Database {
  const memory = path === ':memory:' || path === '';
  let sqlite: BetterSqlite3.Database;
  try {
    if (!memory) {
      mkdirSync(dirname(path), { recursive: true });
      restrictToOwner(path);
    }
    sqlite = new BetterSqlite3(path);
  } catch (err) {
    throw unwritable(path, err) ?? err;
  }
  try {
    sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    try {
      // WAL lets readers (e.g. /usage) run while the queue writes; NORMAL sync is safe with WAL (a power cut can
      // lose the last commits, never corrupt the file) and much faster than FULL.
      if (!memory) sqlite.pragma('journal_mode = WAL');
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new Error(
          `${path} is not an SQLite database. Point DATABASE_PATH at another file, or move this one ` +
            'away and start again to create a new database.',
          { cause: err },
        );
      }
      throw err;
    }
    if (!memory) restrictToOwner(path); // the -wal and -shm files WAL mode just created
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite, {
      path,
      ...(opts.migrationsDir && { dir: opts.migrationsDir }),
      ...(opts.targetVersion !== undefined && { target: opts.targetVersion }),
    });
  } catch (err) {
    sqlite.close();
    throw unwritable(path, err) ?? err;
  }
  return {
    sqlite,
    clock: opts.clock ?? Date.now,
    path,
    close() {
      if (!sqlite.open) return;
      // Lets SQLite refresh its planner statistics where they went stale; cheap when nothing changed.
      sqlite.pragma('optimize');
      sqlite.close();
    },
  };
}

/**
 * Prompts, user ids and images are private: the database and its -wal/-shm files are readable by their owner only
 * (mode 0600). A new database file is created with that mode, so SQLite gives its -wal and -shm files the same; files
 * an older version created are tightened.
 */
function restrictToOwner(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      chmodSync(file, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** File-system refusals (permissions, read-only disks, a file where a folder should be) as a UserError naming the fix. */
function unwritable(path: string, err: unknown): UserError | undefined {
  const code = String((err as { code?: unknown }).code ?? '');
  if (
    !/^(EACCES|EPERM|EROFS|ENOTDIR|EEXIST|SQLITE_CANTOPEN|SQLITE_READONLY\w*|SQLITE_PERM|SQLITE_IOERR\w*)$/.test(code)
  )
    return undefined;
  let user = 'the user running Atelier';
  try {
    user = `user ${userInfo().username}`;
  } catch {
    // No passwd entry (some containers): keep the generic words.
  }
  const reason = err instanceof Error ? err.message : code;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new UserError(
      `DATABASE_PATH is ${path}, but a file is in the way of its folder ${dirname(path)} (${reason}). ` +
        'Fix: set DATABASE_PATH in .env to a file in a folder (e.g. data/atelier.db), or move that file away.',
      'database-unwritable',
      { cause: err },
    );
  }
  return new UserError(
    `DATABASE_PATH is ${path}, which cannot be opened for writing (${code}: ${reason}). ` +
      `Fix: make ${dirname(path)} and the file writable by ${user} (e.g. \`chown -R ${user.replace(/^user /, '')} ${dirname(path)}\`), ` +
      'or set DATABASE_PATH in .env to a file in a writable folder.',
    'database-unwritable',
    { cause: err },
  );
}

/** Whether the database can take writes now: open, not read-only, and its file (and folder, for the WAL) writable. */
export function databaseWritable(db: Database): boolean {
  if (!db.sqlite.open || db.sqlite.readonly) return false;
  if (db.path === ':memory:' || db.path === '') return true;
  try {
    accessSync(db.path, fsConstants.W_OK);
    accessSync(dirname(db.path), fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}
