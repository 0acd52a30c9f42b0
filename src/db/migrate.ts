/**
 * Schema migrations: numbered plain SQL files in migrations/ (0001_init.sql, 0002_...), append-only, applied in
 * order, each in one transaction together with the new version number in PRAGMA user_version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { repoRoot } from '../paths.ts';

export const migrationsDir = join(repoRoot, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A database written by a newer Atelier than this one: refusing it is safer than guessing at its schema. */
export class DatabaseVersionError extends Error {
  override readonly name = 'DatabaseVersionError';
  readonly path: string;
  readonly found: number;
  readonly known: number;
  constructor(path: string, found: number, known: number) {
    super(
      `The database ${path} is at schema version ${found}, but this version of Atelier knows versions up to ` +
        `${known} only. It was written by a newer Atelier: upgrade Atelier or restore a backup of the database.`,
    );
    this.path = path;
    this.found = found;
    this.known = known;
  }
}

/** Reads and checks the migration files: names NNNN_words.sql, versions 1, 2, 3 ... without gaps. */
export function readMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, i) => {
    const m = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(file);
    if (!m) throw new Error(`Migration file ${join(dir, file)} must be named like 0001_init.sql.`);
    const version = Number(m[1]);
    if (version !== i + 1) {
      throw new Error(
        `Migration ${file} should be number ${String(i + 1).padStart(4, '0')}: migrations are ` +
          `numbered 0001, 0002, ... without gaps or repeats (in ${dir}).`,
      );
    }
    return { version, name: file, sql: readFileSync(join(dir, file), 'utf8') };
  });
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Folder of migration files (tests use their own). */
  dir?: string;
  /** Stop at this version instead of the newest (tests build databases of earlier versions). */
  target?: number;
  /** For the error message. */
  path?: string;
}

/**
 * Brings the database up to the newest (or `target`) version and returns the versions applied. Each migration
 * runs in its own IMMEDIATE transaction that re-reads the version, so two processes starting at once do not apply
 * one twice. A failed migration rolls back whole and names its file.
 */
export function migrate(db: BetterSqlite3.Database, opts: MigrateOptions = {}): number[] {
  const migrations = readMigrations(opts.dir);
  const known = migrations.length;
  const target = opts.target ?? known;
  const current = schemaVersion(db);
  if (current > known) throw new DatabaseVersionError(opts.path ?? db.name, current, known);
  const applied: number[] = [];
  // SQLite's table rebuild (a new table, copy, drop the old, rename) needs foreign keys off: with them on, dropping
  // the old table would cascade to every row that references it. The pragma is a no-op inside a transaction, so it
  // is set here, around the migrations, and each migration checks the references before it commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys && target > current) db.pragma('foreign_keys = OFF');
  try {
    applyAll(db, migrations, current, target, applied, foreignKeys);
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return applied;
}

function applyAll(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[],
  current: number,
  target: number,
  applied: number[],
  checkForeignKeys: boolean,
): void {
  for (const m of migrations) {
    if (m.version > target) break;
    if (m.version <= current) continue;
    const step = db.transaction(() => {
      // Another process may have applied it while we waited for the write lock.
      if (schemaVersion(db) >= m.version) return false;
      db.exec(m.sql);
      // A rebuilt table can leave dangling references without any error: refuse them, so the migration rolls back.
      if (checkForeignKeys) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`${broken.length} row(s) would break foreign keys`);
      }
      // user_version lives in the database header, which is written inside this transaction: both or neither.
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    try {
      if (step.immediate()) applied.push(m.version);
    } catch (err) {
      throw new Error(
        `Migration ${m.name} failed and was rolled back (the database stays at version ` +
          `${schemaVersion(db)}): ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
}
