/**
 * The result images as content-addressed files under the data directory: `images/ab/abcdef….png`, named by the
 * SHA-256 of their bytes, so the same picture is stored once however many jobs refer to it (U posts a stored image
 * again without copying it). SQLite keeps only the references (jobs store, table job_image_files).
 *
 * Writes, reads for the bot and deletions never block the gateway thread: the hash (WebCrypto) and the file work run
 * on libuv's thread pool, and a file appears under its final name only once complete (write to a temporary name,
 * then rename). A file being written is pinned until its job's row refers to it, so a concurrent clean-up cannot
 * delete it in between; a put() of bytes whose file is being deleted waits for the deletion, then writes it anew.
 * The synchronous reads are for tools and tests.
 *
 * A database at ':memory:' (tests) gets a store in memory with the same behaviour.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface StoredFile {
  /** Lower-case hex SHA-256 of the bytes: the file's name. */
  sha256: string;
  bytes: number;
}

export interface ImageFiles {
  /** The folder, or null for the in-memory store. */
  readonly dir: string | null;
  /** Hashes and writes the PNG (off the main thread) and pins it until release(). */
  put(png: Uint8Array): Promise<StoredFile>;
  /** The same on the calling thread (tests, benchmarks, tools; never the bot's hot path). Pins it too. */
  putSync(png: Uint8Array): StoredFile;
  /**
   * Pins files that are already stored and that a row refers to now (a job's input reused by a new job): kept from
   * clean-ups until release(), as put() would.
   */
  pin(hashes: Iterable<string>): void;
  release(hashes: Iterable<string>): void;
  readSync(sha256: string): Buffer | undefined;
  read(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): boolean;
  /**
   * Deletes the files among `hashes` that are not pinned and that `inUse` says nothing refers to, off the calling
   * thread. Resolves with the bytes freed.
   */
  removeUnused(hashes: Iterable<string>, inUse: (sha256: string) => boolean): Promise<number>;
  /** Resolves once the deletions under way have finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Every stored hash (clean-up, tests, backups). */
  list(): Promise<string[]>;
  /** Deletes files nothing refers to, older than `minAgeMs` (left by a process killed between write and commit). */
  sweep(inUse: (sha256: string) => boolean, minAgeMs?: number): Promise<{ files: number; bytes: number }>;
}

const HASH = /^[0-9a-f]{64}$/;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto's digest runs on the thread pool, unlike createHash().update() on the calling thread.
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Buffer.from(digest).toString('hex');
}

export function createImageFiles(dir: string | null): ImageFiles {
  return dir === null ? memoryFiles() : diskFiles(dir);
}

function pins() {
  const count = new Map<string, number>();
  return {
    pin(h: string) {
      count.set(h, (count.get(h) ?? 0) + 1);
    },
    release(hashes: Iterable<string>) {
      for (const h of hashes) {
        const n = (count.get(h) ?? 0) - 1;
        if (n > 0) count.set(h, n);
        else count.delete(h);
      }
    },
    pinned: (h: string) => count.has(h),
    pinAll(hashes: Iterable<string>) {
      for (const h of hashes) this.pin(h);
    },
  };
}

function diskFiles(dir: string): ImageFiles {
  mkdirSync(dir, { recursive: true });
  const pinned = pins();
  /** Deletions under way, by hash. */
  const deleting = new Map<string, Promise<void>>();
  const pathOf = (h: string) => {
    if (!HASH.test(h)) throw new Error(`not an image hash: ${h}`);
    return join(dir, h.slice(0, 2), `${h}.png`);
  };
  return {
    dir,
    async put(png) {
      const sha256 = await sha256Hex(png);
      pinned.pin(sha256);
      try {
        // Being deleted (it was unused until this pin): let that finish, then write it again.
        await deleting.get(sha256);
        const path = pathOf(sha256);
        const now = new Date();
        // Already there (the same picture again): refresh its time so that a sweep does not take it as a leftover.
        const exists = await utimes(path, now, now).then(
          () => true,
          () => false,
        );
        if (!exists) {
          await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
          const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
          await writeFile(tmp, png);
          await rename(tmp, path);
        }
      } catch (err) {
        pinned.release([sha256]);
        throw err;
      }
      return { sha256, bytes: png.byteLength };
    },
    putSync(png) {
      const sha256 = createHash('sha256').update(png).digest('hex');
      pinned.pin(sha256);
      const path = pathOf(sha256);
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true });
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        writeFileSync(tmp, png);
        renameSync(tmp, path);
      }
      return { sha256, bytes: png.byteLength };
    },
    pin: (hashes) => pinned.pinAll(hashes),
    release: (hashes) => pinned.release(hashes),
    readSync(h) {
      try {
        return readFileSync(pathOf(h));
      } catch {
        return undefined;
      }
    },
    async read(h) {
      return readFile(pathOf(h)).catch(() => undefined);
    },
    has: (h) => existsSync(pathOf(h)),
    async removeUnused(hashes, inUse) {
      let freed = 0;
      for (const h of new Set(hashes)) {
        // Checked and marked as being deleted in one turn of the event loop: a put() of the same bytes that pins it
        // later waits for the deletion (see put).
        if (pinned.pinned(h) || inUse(h) || deleting.has(h)) continue;
        const path = pathOf(h);
        const done = stat(path).then(
          (st) => rm(path, { force: true }).then(() => void (freed += st.size)),
          () => undefined, // already gone
        );
        deleting.set(h, done);
        try {
          await done;
        } finally {
          deleting.delete(h);
        }
      }
      return freed;
    },
    async idle() {
      while (deleting.size) await Promise.allSettled([...deleting.values()]);
    },
    async list() {
      const out: string[] = [];
      for (const sub of await readdir(dir).catch(() => [] as string[])) {
        if (!/^[0-9a-f]{2}$/.test(sub)) continue;
        for (const name of await readdir(join(dir, sub)).catch(() => [] as string[])) {
          const m = /^([0-9a-f]{64})\.png$/.exec(name);
          if (m) out.push(m[1]!);
        }
      }
      return out.sort();
    },
    async sweep(inUse, minAgeMs = 3_600_000) {
      let files = 0;
      let bytes = 0;
      const cutoff = Date.now() - minAgeMs;
      for (const h of await this.list()) {
        if (pinned.pinned(h) || inUse(h)) continue;
        const st = await stat(pathOf(h)).catch(() => undefined);
        // Date.now() is whole milliseconds and a file's time is finer: a file written this millisecond would be
        // "newer" than a cutoff of now, so an age of 0 means any age.
        if (!st || (minAgeMs > 0 && st.mtimeMs > cutoff)) continue;
        if (pinned.pinned(h) || inUse(h) || deleting.has(h)) continue;
        const done = rm(pathOf(h), { force: true });
        deleting.set(h, done);
        try {
          await done;
        } finally {
          deleting.delete(h);
        }
        files++;
        bytes += st.size;
      }
      // Temporary files of writes a killed process never finished.
      for (const sub of await readdir(dir).catch(() => [] as string[])) {
        for (const name of await readdir(join(dir, sub)).catch(() => [] as string[])) {
          if (!name.endsWith('.tmp')) continue;
          const st = await stat(join(dir, sub, name)).catch(() => undefined);
          if (st && (minAgeMs <= 0 || st.mtimeMs <= cutoff)) await rm(join(dir, sub, name), { force: true });
        }
      }
      return { files, bytes };
    },
  };
}

function memoryFiles(): ImageFiles {
  const files = new Map<string, Buffer>();
  const pinned = pins();
  return {
    dir: null,
    async put(png) {
      const sha256 = await sha256Hex(png);
      pinned.pin(sha256);
      if (!files.has(sha256)) files.set(sha256, Buffer.from(png));
      return { sha256, bytes: png.byteLength };
    },
    putSync(png) {
      const sha256 = createHash('sha256').update(png).digest('hex');
      pinned.pin(sha256);
      if (!files.has(sha256)) files.set(sha256, Buffer.from(png));
      return { sha256, bytes: png.byteLength };
    },
    pin: (hashes) => pinned.pinAll(hashes),
    release: (hashes) => pinned.release(hashes),
    readSync: (h) => files.get(h),
    read: async (h) => files.get(h),
    has: (h) => files.has(h),
    async removeUnused(hashes, inUse) {
      let freed = 0;
      for (const h of new Set(hashes)) {
        if (pinned.pinned(h) || inUse(h)) continue;
        freed += files.get(h)?.byteLength ?? 0;
        files.delete(h);
      }
      return freed;
    },
    idle: async () => undefined,
    list: async () => [...files.keys()].sort(),
    async sweep(inUse) {
      let n = 0;
      let bytes = 0;
      for (const [h, b] of files) {
        if (pinned.pinned(h) || inUse(h)) continue;
        files.delete(h);
        n++;
        bytes += b.byteLength;
      }
      return { files: n, bytes };
    },
  };
}

/** The image folder for a database file: `images/` beside it; null (in memory) for ':memory:'. */
export function imagesDirFor(databasePath: string): string | null {
  if (databasePath === ':memory:' || databasePath === '') return null;
  return join(dirname(databasePath), 'images');
}
