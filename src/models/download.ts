/**
 * Downloads a known model into models/<name>/, as `npm run models -- pull <name>` does:
 *
 *   1. resolve the registry entry's revision to a commit through the hub API (sizes and hashes come with it);
 *   2. for each file: skip it when it is already complete and verified; otherwise fetch it into `<file>.part`,
 *      resuming a part left by an interrupted run with `Range: bytes=N-`, hash it (from byte 0, including the part
 *      already on disk), check size and sha256 (or the git blob sha1 of small files), and rename it into place;
 *   3. record what was verified in `.atelier-download.json` after every file, marked complete at the end.
 *
 * A lost connection is retried from where it stopped; a file whose bytes do not match is removed, never kept.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, statfs, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError, UserError } from '../errors.ts';
import { describeNetworkError, hubHttpError, type HubClient, type HubFile, type ResolvedRevision } from './hub.ts';
import { defaultRegistry, type Registry, type RegistryEntry } from './registry.ts';

export const manifestName = '.atelier-download.json';
const lockName = '.atelier-download.lock';

export interface DownloadManifest {
  format: 1;
  name: string;
  repo: string;
  /** The revision the registry asked for (branch or sha). */
  revision: string;
  /** The commit it resolved to. */
  sha: string;
  hubUrl: string;
  complete: boolean;
  updatedAt: string;
  files: Record<string, { size: number; sha256: string }>;
}

export interface PullOptions {
  name: string;
  modelsRoot: string;
  hub: HubClient;
  registry?: Registry;
  signal?: AbortSignal;
  /** Where progress goes; `false` for none. Default: process.stderr. */
  progress?: ProgressStream | false;
  /** Automatic resumes per file after a lost connection or stall (default 3). */
  retries?: number;
  /** Pause before an automatic resume (default 1000 ms, doubling). */
  retryDelayMs?: number;
  /** A body that sends nothing for this long is treated as a lost connection (default 60 s). */
  idleTimeoutMs?: number;
  /** Re-hash files already in place even when the manifest vouches for them. */
  verifyExisting?: boolean;
  /** Injectable clock for the progress bar (tests). */
  now?: () => number;
}

export type FileOutcome = 'downloaded' | 'resumed' | 'skipped';

export interface PullResult {
  entry: RegistryEntry;
  dir: string;
  sha: string;
  files: { path: string; size: number; sha256: string; outcome: FileOutcome }[];
  /** Optional files the revision does not have. */
  absent: string[];
  /** Bytes received over the network in this run. */
  bytesFetched: number;
}

interface Expected {
  /** Path in the hub repo. */
  path: string;
  /** Path inside models/<name>/ (the registry's saveAs, else the repo path); the manifest is keyed by it. */
  local: string;
  size: number | undefined;
  sha256: string | undefined;
  gitBlobSha1: string | undefined;
}

export async function pullModel(opts: PullOptions): Promise<PullResult> {
  const registry = opts.registry ?? defaultRegistry;
  const entry = registry.get(opts.name);
  const dir = join(opts.modelsRoot, entry.name);
  const signal = opts.signal;
  const progressStream = opts.progress === undefined ? process.stderr : opts.progress;
  const say = (line: string) => {
    if (progressStream) progressStream.write(line + '\n');
  };

  await diskOp(dir, () => mkdir(dir, { recursive: true }));
  const releaseLock = await takeLock(dir);
  try {
    say(`Resolving ${entry.repo}@${entry.revision} on ${opts.hub.hubUrl} ...`);
    const resolved = await opts.hub.resolveRevision(entry.repo, entry.revision, signal);
    const { wanted, absent } = planFiles(entry, resolved);

    const previous = await readManifest(dir);
    const manifest: DownloadManifest = {
      format: 1,
      name: entry.name,
      repo: entry.repo,
      revision: entry.revision,
      sha: resolved.sha,
      hubUrl: opts.hub.hubUrl,
      complete: false,
      updatedAt: new Date().toISOString(),
      files: {},
    };

    // Which files are already complete and verified.
    const results: PullResult['files'] = [];
    const toFetch: Expected[] = [];
    for (const file of wanted) {
      throwIfCancelled(signal);
      const have = await verifiedInPlace(dir, file, previous, resolved.sha, opts.verifyExisting ?? false);
      if (have) {
        manifest.files[file.local] = have;
        results.push({ path: file.local, ...have, outcome: 'skipped' });
      } else {
        toFetch.push(file);
      }
    }
    if (results.length) say(`${results.length} file(s) already downloaded and verified.`);

    // Bytes still to come (parts already on disk count as done).
    let remaining = 0;
    for (const file of toFetch) {
      const part = await sizeOf(join(dir, file.local + '.part'));
      if (file.size !== undefined)
        remaining += Math.max(0, file.size - (part !== undefined && part <= file.size ? part : 0));
    }
    await checkFreeSpace(dir, remaining);

    const bar = progressStream ? createProgressBar(remaining, { stream: progressStream, now: opts.now }) : undefined;
    let bytesFetched = 0;
    try {
      for (const file of toFetch) {
        throwIfCancelled(signal);
        bar?.setLabel(file.path);
        const got = await fetchFile({
          hub: opts.hub,
          repo: entry.repo,
          sha: resolved.sha,
          dir,
          file,
          signal,
          retries: opts.retries ?? 3,
          retryDelayMs: opts.retryDelayMs ?? 1000,
          idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
          onBytes: (n) => {
            bytesFetched += n;
            bar?.add(n);
          },
          onRestart: (lost) => bar?.grow(lost),
          note: (line) => bar?.note(line),
          problem: '',
        });
        manifest.files[file.local] = { size: got.size, sha256: got.sha256 };
        results.push({
          path: file.local,
          size: got.size,
          sha256: got.sha256,
          outcome: got.resumedFrom > 0 ? 'resumed' : 'downloaded',
        });
        await writeManifest(dir, manifest);
      }
    } finally {
      bar?.done();
    }

    manifest.complete = true;
    manifest.updatedAt = new Date().toISOString();
    await writeManifest(dir, manifest);
    return { entry, dir, sha: resolved.sha, files: results, absent, bytesFetched };
  } finally {
    await releaseLock();
  }
}

/** The registry's files matched against what the revision has; a required file it lacks is an error. */
function planFiles(entry: RegistryEntry, resolved: ResolvedRevision): { wanted: Expected[]; absent: string[] } {
  const wanted: Expected[] = [];
  const absent: string[] = [];
  const missing: string[] = [];
  const conflicts: string[] = [];
  for (const f of entry.files) {
    const hubFile: HubFile | undefined = resolved.files.get(f.path);
    if (!hubFile) {
      (f.optional ? absent : missing).push(f.path);
      continue;
    }
    if (f.size !== undefined && hubFile.size !== undefined && f.size !== hubFile.size) {
      conflicts.push(`${f.path}: the registry expects ${f.size} bytes, the hub says ${hubFile.size}`);
    }
    if (f.sha256 !== undefined && hubFile.sha256 !== undefined && f.sha256 !== hubFile.sha256) {
      conflicts.push(`${f.path}: the registry expects sha256 ${f.sha256}, the hub says ${hubFile.sha256}`);
    }
    wanted.push({
      path: f.path,
      local: f.saveAs ?? f.path,
      size: hubFile.size ?? f.size,
      sha256: hubFile.sha256 ?? f.sha256,
      gitBlobSha1: hubFile.gitBlobSha1,
    });
  }
  if (missing.length) {
    throw new UserError(
      `${entry.repo} at ${entry.revision} (commit ${resolved.sha.slice(0, 7)}) does not have ${missing.join(', ')}, ` +
        `which the "${entry.name}" model needs. The registry entry may be out of date; please report it.`,
      'model-files-missing',
    );
  }
  if (conflicts.length) {
    throw new UserError(
      `The hub's files for ${entry.repo}@${resolved.sha.slice(0, 7)} do not match the registry:\n  ${conflicts.join('\n  ')}\n` +
        'Nothing was downloaded. The registry entry may be out of date; please report it.',
      'model-registry-mismatch',
    );
  }
  return { wanted, absent };
}

/** The file's verified size and sha256 when it is already in place and matches; undefined otherwise. */
async function verifiedInPlace(
  dir: string,
  file: Expected,
  previous: DownloadManifest | undefined,
  sha: string,
  forceHash: boolean,
): Promise<{ size: number; sha256: string } | undefined> {
  const path = join(dir, file.local);
  const size = await sizeOf(path);
  if (size === undefined || (file.size !== undefined && size !== file.size)) return undefined;
  const recorded = previous?.files[file.local];
  // The manifest vouches for a file it recorded after verifying it, at this size, for the same content.
  if (!forceHash && recorded && recorded.size === size) {
    if (file.sha256 !== undefined ? recorded.sha256 === file.sha256 : previous?.sha === sha) return recorded;
  }
  if (file.sha256 === undefined && file.gitBlobSha1 === undefined) return undefined; // nothing to check it against
  const hashes = await hashFile(path, size, file.gitBlobSha1 !== undefined);
  if (file.sha256 !== undefined && hashes.sha256 !== file.sha256) return undefined;
  if (file.gitBlobSha1 !== undefined && hashes.gitBlobSha1 !== file.gitBlobSha1) return undefined;
  return { size, sha256: hashes.sha256 };
}

interface FetchContext {
  hub: HubClient;
  repo: string;
  sha: string;
  dir: string;
  file: Expected;
  signal: AbortSignal | undefined;
  retries: number;
  retryDelayMs: number;
  idleTimeoutMs: number;
  onBytes: (n: number) => void;
  /** Bytes counted as progress that will be fetched again (the server ignored Range). */
  onRestart: (lost: number) => void;
  note: (line: string) => void;
  /** The last network problem, for the message when retries run out. */
  problem: string;
}

/** Fetches one file into place through its `.part`; returns its verified size and sha256. */
async function fetchFile(ctx: FetchContext): Promise<{ size: number; sha256: string; resumedFrom: number }> {
  const { file, dir } = ctx;
  const finalPath = join(dir, file.local);
  const partPath = finalPath + '.part';
  await diskOp(partPath, () => mkdir(dirname(partPath), { recursive: true }));
  let firstResume = -1;

  for (let attempt = 0; ; attempt++) {
    throwIfCancelled(ctx.signal);
    let start = (await sizeOf(partPath)) ?? 0;
    if (file.size !== undefined && start > file.size) {
      // Longer than the file can be: not a prefix of it.
      await diskOp(partPath, () => rm(partPath, { force: true }));
      start = 0;
    }
    if (firstResume < 0) firstResume = start;

    // Hash from byte 0: the bytes already on disk first.
    const hasher = new FileHasher(file.size !== undefined && file.gitBlobSha1 !== undefined ? file.size : undefined);
    if (start > 0) await hashInto(partPath, hasher);

    if (file.size === undefined || start < file.size) {
      const outcome = await receive(ctx, partPath, start, hasher);
      if (outcome === 'retry') {
        if (attempt >= ctx.retries) {
          const kept = (await sizeOf(partPath)) ?? 0;
          throw new UserError(
            `The download of ${file.path} was interrupted (${ctx.problem}) after ${ctx.retries + 1} attempt(s). ` +
              `${formatBytes(kept)} are kept in ${partPath}; run the same command again to resume from there.`,
            'download-interrupted',
          );
        }
        const delay = ctx.retryDelayMs * 2 ** attempt;
        ctx.note(`Connection lost on ${file.path} (${ctx.problem}); resuming in ${Math.round(delay / 100) / 10} s ...`);
        await sleep(delay, undefined, ctx.signal ? { signal: ctx.signal } : {}).catch(() => undefined);
        continue;
      }
      if (outcome === 'restart') continue;
      const now = (await sizeOf(partPath)) ?? 0;
      if (file.size !== undefined && now < file.size && attempt < ctx.retries) {
        // A body that ended cleanly but short (no Content-Length to hold the server to): resume it.
        ctx.problem = `the server ended the body after ${now} of ${file.size} bytes`;
        continue;
      }
    }

    const got = hasher.digest();
    const size = (await sizeOf(partPath)) ?? 0;
    const problem =
      file.size !== undefined && size !== file.size
        ? `expected ${file.size} bytes, got ${size}`
        : file.sha256 !== undefined && got.sha256 !== file.sha256
          ? `expected sha256 ${file.sha256}, got ${got.sha256}`
          : file.gitBlobSha1 !== undefined && got.gitBlobSha1 !== file.gitBlobSha1
            ? `expected git blob sha1 ${file.gitBlobSha1}, got ${got.gitBlobSha1}`
            : undefined;
    if (problem) {
      await rm(partPath, { force: true });
      throw new UserError(
        `Checksum mismatch for ${file.path} from ${ctx.repo}: ${problem}. The damaged file was removed; ` +
          'run the same command again to download it afresh. If it happens again, the hub or a proxy in between is ' +
          'serving different bytes than the hub lists.',
        'checksum-mismatch',
      );
    }
    await diskOp(finalPath, () => rename(partPath, finalPath));
    return { size, sha256: got.sha256, resumedFrom: firstResume };
  }
}

/**
 * One request: appends the response body to the part file. 'done' when the body ended, 'retry' when the connection
 * was lost (the part keeps what arrived), 'restart' when the part had to be discarded (server ignored Range, 416).
 */
async function receive(
  ctx: FetchContext,
  partPath: string,
  start: number,
  hasher: FileHasher,
): Promise<'done' | 'retry' | 'restart'> {
  const stall = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const armTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(new Error(`no data for ${ctx.idleTimeoutMs / 1000} s`)), ctx.idleTimeoutMs);
    timer.unref();
  };
  armTimer(); // also covers a server that never answers
  try {
    return await receiveBody(ctx, partPath, start, hasher, stall, armTimer);
  } finally {
    clearTimeout(timer);
  }
}

async function receiveBody(
  ctx: FetchContext,
  partPath: string,
  start: number,
  hasher: FileHasher,
  stall: AbortController,
  armTimer: () => void,
): Promise<'done' | 'retry' | 'restart'> {
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, stall.signal]) : stall.signal;
  let res: Response;
  try {
    res = await ctx.hub.openFile(ctx.repo, ctx.sha, ctx.file.path, { rangeStart: start, signal });
  } catch (err) {
    throwIfCancelled(ctx.signal);
    // An unreachable hub on the first byte is a UserError already; a reset mid-way through a run is worth retrying.
    if (err instanceof UserError && start === 0) throw err;
    ctx.problem = err instanceof UserError ? err.message : describeNetworkError(err);
    return 'retry';
  }

  let append = start > 0;
  if (res.status === 416) {
    await res.body?.cancel();
    // The part is not a prefix the server recognises (it may be complete already when the size was unknown).
    await rm(partPath, { force: true });
    ctx.onRestart(start);
    if (start === 0) throw hubHttpError(416, fileCtx(ctx));
    return 'restart';
  }
  if (res.status === 206) {
    const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
    if (!range || Number(range[1]) !== start) {
      await res.body?.cancel();
      await rm(partPath, { force: true });
      ctx.note(`The server answered ${ctx.file.path} with an unexpected range; starting it again.`);
      return 'restart';
    }
  } else if (res.status === 200) {
    if (start > 0) {
      // The server ignored Range and sends the whole file: start the part (and its hash) again.
      ctx.note(`The server does not resume ${ctx.file.path}; downloading it from the start.`);
      ctx.onRestart(start);
      hasher.reset();
      append = false;
    }
  } else {
    await res.body?.cancel();
    if (res.status >= 500 || res.status === 408) {
      ctx.problem = `HTTP ${res.status}`;
      return 'retry';
    }
    throw hubHttpError(res.status, fileCtx(ctx));
  }
  if (!res.body) throw hubHttpError(res.status, fileCtx(ctx));

  // Each chunk is written (and awaited) before the next is read, so whatever arrived before a failure is on disk
  // for the next resume; a stream pipeline would drop its buffered writes when torn down.
  let handle: FileHandle;
  try {
    handle = await open(partPath, append ? 'a' : 'w');
  } catch (err) {
    await res.body.cancel();
    throw diskError(partPath, err);
  }
  armTimer();
  try {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      armTimer();
      await handle.write(chunk);
      hasher.update(chunk);
      ctx.onBytes(chunk.length);
    }
    return 'done';
  } catch (err) {
    throwIfCancelled(ctx.signal);
    if (isDiskError(err)) throw diskError(partPath, err);
    ctx.problem = stall.signal.aborted ? String((stall.signal.reason as Error).message) : describeNetworkError(err);
    return 'retry';
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function fileCtx(ctx: FetchContext) {
  return {
    what: `file ${ctx.file.path} of ${ctx.repo}`,
    repo: ctx.repo,
    url: ctx.hub.fileUrl(ctx.repo, ctx.sha, ctx.file.path),
    hubUrl: ctx.hub.hubUrl,
    hasToken: ctx.hub.hasToken,
  };
}

/** sha256 of the content, and the git blob sha1 when the size is known up front. */
class FileHasher {
  private sha256!: Hash;
  private sha1: Hash | undefined;
  private readonly gitSize: number | undefined;
  constructor(gitSize: number | undefined) {
    this.gitSize = gitSize;
    this.reset();
  }
  reset(): void {
    this.sha256 = createHash('sha256');
    this.sha1 = undefined;
    if (this.gitSize !== undefined) {
      this.sha1 = createHash('sha1');
      this.sha1.update(`blob ${this.gitSize}\0`);
    }
  }
  update(chunk: Uint8Array): void {
    this.sha256.update(chunk);
    this.sha1?.update(chunk);
  }
  digest(): { sha256: string; gitBlobSha1: string | undefined } {
    return { sha256: this.sha256.digest('hex'), gitBlobSha1: this.sha1?.digest('hex') };
  }
}

async function hashInto(path: string, hasher: FileHasher): Promise<void> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hasher.update(chunk as Buffer);
  } catch (err) {
    throw diskError(path, err);
  }
}

export async function hashFile(
  path: string,
  size?: number,
  gitBlob = false,
): Promise<{ sha256: string; gitBlobSha1: string | undefined }> {
  const hasher = new FileHasher(gitBlob ? (size ?? (await stat(path)).size) : undefined);
  await hashInto(path, hasher);
  return hasher.digest();
}

// --- manifest, lock, disk -------------------------------------------------------------------------------------------

export async function readManifest(dir: string): Promise<DownloadManifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, manifestName), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const m = parsed as Partial<DownloadManifest>;
    if (m.format !== 1 || typeof m.files !== 'object' || m.files === null) return undefined;
    return m as DownloadManifest;
  } catch {
    return undefined;
  }
}

async function writeManifest(dir: string, manifest: DownloadManifest): Promise<void> {
  const path = join(dir, manifestName);
  manifest.updatedAt = new Date().toISOString();
  await diskOp(path, async () => {
    await writeFile(path + '.tmp', JSON.stringify(manifest, null, 2) + '\n');
    await rename(path + '.tmp', path);
  });
}

/** One pull per folder at a time; a lock left by a dead process is taken over. */
async function takeLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, lockName);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw diskError(path, err);
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new UserError(
          `Another download into ${dir} is running (process ${pid}). Wait for it to finish, or stop it first.`,
          'download-busy',
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new UserError(
    `Could not take the download lock ${path}; remove it if no download is running.`,
    'download-busy',
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function checkFreeSpace(dir: string, needed: number): Promise<void> {
  if (needed <= 0) return;
  let free: number;
  try {
    const s = await statfs(dir);
    free = s.bavail * s.bsize;
  } catch {
    return; // not every filesystem reports it; the writes will say
  }
  if (free < needed) {
    throw new UserError(
      `Not enough disk space in ${dir}: ${formatBytes(needed)} still to download, ${formatBytes(free)} free. ` +
        'Free some space, or set MODELS_PATH to a folder on a larger disk.',
      'disk-full',
    );
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

const diskCodes = new Set([
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'EIO',
  'ENOTDIR',
  'EISDIR',
  'EMFILE',
  'ENAMETOOLONG',
]);

function isDiskError(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && diskCodes.has(e.code) && typeof e.syscall === 'string';
}

function diskError(path: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the filesystem is read-only',
    EIO: 'an input/output error (failing disk?)',
  };
  return new UserError(
    `Could not write ${path}: ${why[code] ?? (err as Error).message}. Free some space or fix the permissions, or set ` +
      'MODELS_PATH to another folder; then run the command again (finished files are kept).',
    'disk-error',
    { cause: err },
  );
}

async function diskOp<T>(path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw diskError(path, err);
    throw err;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new CancelledError('The download was cancelled; run the same command again to resume it.');
  }
}

// --- progress -------------------------------------------------------------------------------------------------------

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  add(bytes: number): void;
  /** More bytes to come than planned (a resume the server refused). */
  grow(bytes: number): void;
  setLabel(label: string): void;
  /** A line of its own, above the bar. */
  note(line: string): void;
  done(): void;
}

/**
 * Bytes, percent, speed and ETA on stderr: one line redrawn with \r on a terminal (at most every 100 ms), plain lines
 * every 10 % or 15 s otherwise (logs, CI).
 */
export function createProgressBar(
  initialTotal: number,
  opts: { stream: ProgressStream; now?: (() => number) | undefined },
): ProgressBar {
  const now = opts.now ?? Date.now;
  let total = initialTotal;
  const tty = opts.stream.isTTY === true;
  const started = now();
  const samples: { t: number; bytes: number }[] = [{ t: started, bytes: 0 }];
  let bytes = 0;
  let label = '';
  let lastDraw = 0;
  let lastPlainPct = -1;
  let lastPlainAt = started;
  let drawn = false;

  const speed = (): number => {
    const t = now();
    while (samples.length > 2 && t - samples[0]!.t > 5000) samples.shift();
    const first = samples[0]!;
    const dt = (t - first.t) / 1000;
    return dt > 0 ? (bytes - first.bytes) / dt : 0;
  };

  const line = (): string => {
    const pct = total > 0 ? Math.min(100, (bytes / total) * 100) : 100;
    const bps = speed();
    const eta = bps > 0 && total > bytes ? formatDuration((total - bytes) / bps) : '--';
    const width = 20;
    const filled = Math.round((pct / 100) * width);
    const bar = tty ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
    return (
      `${bar}${pct.toFixed(pct >= 99.95 || pct === 0 ? 0 : 1)}% ${formatBytes(bytes)}/${formatBytes(total)} ` +
      `${formatBytes(bps)}/s ETA ${eta}${label ? ` ${label}` : ''}`
    );
  };

  const draw = (force: boolean) => {
    const t = now();
    if (tty) {
      if (!force && t - lastDraw < 100) return;
      lastDraw = t;
      let text = line();
      const cols = opts.stream.columns ?? 100;
      if (text.length > cols - 1) text = text.slice(0, cols - 1);
      opts.stream.write(`\r${text}\x1b[K`);
      drawn = true;
    } else {
      const pct = total > 0 ? Math.floor((bytes / total) * 10) : 10;
      if (!force && pct === lastPlainPct && t - lastPlainAt < 15_000) return;
      lastPlainPct = pct;
      lastPlainAt = t;
      opts.stream.write(line() + '\n');
    }
  };

  return {
    add(n) {
      bytes = Math.max(0, bytes + n);
      samples.push({ t: now(), bytes });
      if (samples.length > 200) samples.splice(1, samples.length - 100);
      draw(false);
    },
    grow(n) {
      total += n;
    },
    setLabel(l) {
      label = l;
      if (!tty) opts.stream.write(`Downloading ${l}\n`);
      else draw(true);
    },
    note(text) {
      if (tty && drawn) opts.stream.write('\r\x1b[K');
      opts.stream.write(text + '\n');
      if (tty) draw(true);
    },
    done() {
      label = '';
      const secs = (now() - started) / 1000;
      if (tty) {
        draw(true);
        opts.stream.write('\n');
      }
      if (total > 0 || bytes > 0) {
        opts.stream.write(`Fetched ${formatBytes(bytes)} in ${formatDuration(secs)}.\n`);
      }
    },
  };
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v.toFixed(0) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}

function formatDuration(secs: number): string {
  if (!Number.isFinite(secs)) return '--';
  const s = Math.round(secs);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
