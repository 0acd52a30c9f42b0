/** Small helpers shared by the stores. */
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Tables keyed by guild use '' for direct messages, because NULL never equals NULL in a primary key or UNIQUE
 * constraint. The domain types use null.
 */
export function guildKey(guildId: string | null | undefined): string {
  return guildId ?? '';
}
export function fromGuildKey(key: string): string | null {
  return key === '' ? null : key;
}

/** better-sqlite3 binds Buffers as BLOBs; wrap a Uint8Array without copying. */
export function toBlob(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
export function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** Prepares a statement the first time a given SQL text is asked for (for queries built from a few shapes). */
export function statementCache<S>(prepare: (sql: string) => S): (sql: string) => S {
  const cache = new Map<string, S>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = prepare(sql)));
    return s;
  };
}

/**
 * The condition of the partial indexes on unfinished jobs, to repeat verbatim in queries: SQLite uses a partial
 * index only when the query's WHERE contains the index's condition, and cannot see that state = 'queued' implies it.
 */
export const UNFINISHED = "state IN ('queued', 'running')";

/**
 * A reading that moves whenever what the database holds may have changed: this connection's own changes
 * (total_changes, counting uncommitted ones) and other connections' commits (data_version).
 */
function databaseVersion(db: BetterSqlite3.Database): () => string {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const version = db.prepare('PRAGMA data_version').pluck();
  return () => `${changes.get() as number}:${version.get() as number}`;
}

/**
 * Answers kept while the database is unchanged (databaseVersion): `kept(key, read)` gives the answer kept for `key`,
 * or reads, keeps and gives it. The version costs two small statements, where the answers it keeps cost a scan.
 * Inside a transaction it always reads (the transaction's own writes decide). At most `max` answers are kept.
 */
export function keptWhileUnchanged<V>(db: BetterSqlite3.Database, max = 1024): (key: string, read: () => V) => V {
  const version = databaseVersion(db);
  let seen = '';
  const answers = new Map<string, V>();
  return (key, read) => {
    if (db.inTransaction) return read();
    const now = version();
    if (now !== seen) {
      seen = now;
      answers.clear();
    }
    if (answers.has(key)) return answers.get(key) as V;
    const value = read();
    if (answers.size >= max) answers.clear();
    answers.set(key, value);
    return value;
  };
}
