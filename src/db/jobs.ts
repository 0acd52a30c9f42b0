/**
 * The jobs store: one row per accepted request, its lifecycle (queued -> running -> done | failed | cancelled),
 * where its results go in Discord, and its result images. The queue and the bot's buttons read state from here,
 * so both survive restarts.
 */
import type { Database } from './database.ts';
import { createImageFiles, imagesDirFor, type ImageFiles, type StoredFile } from './image-files.ts';
import { fromJson, UNFINISHED } from './common.ts';
import type { DisplayImage } from '../diffusion/types.ts';
import { parseStoredRequest, type JobRequest, type RequestKind } from '../request/request.ts';

export const jobStates = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];
/** The jobs row's kind: the request's kind (an edit is 'edit' since migration 0007). */
export type JobKind = RequestKind;

export interface Job {
  id: number;
  state: JobState;
  kind: JobKind;
  userId: string;
  /** null in direct messages. */
  guildId: string | null;
  channelId: string | null;
  model: string;
  seed: number;
  params: JobRequest;
  /** The quota reservation this job paid with (refund it if the job fails or is cancelled). */
  reservationId: number | null;
  messageId: string | null;
  interactionId: string | null;
  interactionToken: string | null;
  /** After this, the interaction token no longer works: edit the message with the bot token instead. */
  tokenExpiresAt: number | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  waitMs: number | null;
  runMs: number | null;
  /** How many times it entered 'running' (more than 1 after a crash or a shutdown). */
  attempts: number;
  /**
   * The jobs its last run took together (itself included), in the run's order; null before it first runs. A job put
   * back in line runs with these again (queue/batch.ts), so that a worker's run of them can be taken over.
   */
  runWith: number[] | null;
  /** Images produced (set when done). */
  imageCount: number | null;
  error: string | null;
  deleted: boolean;
}

export interface NewJob {
  userId: string;
  guildId: string | null;
  channelId?: string | null | undefined;
  model: string;
  params: JobRequest;
  reservationId?: number | null | undefined;
  messageId?: string | null | undefined;
  interaction?: { id: string; token: string; expiresAt: number } | undefined;
  /**
   * An uploaded init image (PNG), kept in the image files like the results, until the job is deleted or, once it has
   * finished, passes the retention. Bytes are written here, on the calling thread; a StoredFile (storeInput) is
   * already written, off the thread, and pinned by the caller until this returns.
   */
  initImage?: Uint8Array | StoredFile | undefined;
  /** A painted mask for an edit of kind 'mask' (PNG; white = repaint), kept like the init image. */
  mask?: Uint8Array | StoredFile | undefined;
}

/** What a job keeps besides its results: the member's upload ('init') and a painted mask. */
export type InputRole = 'init' | 'mask';

export interface ResultImage {
  png: Uint8Array;
  seed: number;
  width: number;
  height: number;
  /** Enlarged for display by the upscaler (not stored): what Discord is shown. */
  display?: DisplayImage | undefined;
}

/** A result image as the database knows it: a reference to its file (src/db/image-files.ts). */
export interface StoredImage {
  sha256: string;
  bytes: number;
  seed: number;
  width: number;
  height: number;
}

export interface ImageRef extends StoredImage {
  jobId: number;
  idx: number;
}

/** A stored image with its bytes, read from its file. */
export interface JobImage extends ImageRef {
  png: Buffer;
}

/** What an ETA depends on. */
export interface RunKey {
  model: string;
  width: number;
  height: number;
  steps: number;
  count: number;
}

export interface RunEstimate {
  ms: number;
  /** 'exact': jobs with the same key; 'model': scaled from this model's jobs by pixels x steps x images. */
  basis: 'exact' | 'model';
  samples: number;
}

interface JobRow {
  id: number;
  state: JobState;
  kind: string;
  user_id: string;
  guild_id: string | null;
  channel_id: string | null;
  model: string;
  params: string;
  seed: number;
  reservation_id: number | null;
  message_id: string | null;
  interaction_id: string | null;
  interaction_token: string | null;
  token_expires_at: number | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  wait_ms: number | null;
  run_ms: number | null;
  attempts: number;
  image_count: number | null;
  error: string | null;
  deleted: number;
  run_with: string | null;
}

/** The one place a jobs row becomes a Job. The kind column and the stored request must agree. */
/**
 * Requests read back, by their stored text: a job's message is edited several times and each edit reads the job,
 * whose request never changes, so it is parsed once, not at every read. Frozen, since readers share it.
 */
const parsedRequests = new Map<string, JobRequest>();

function storedRequest(r: JobRow): JobRequest {
  let params = parsedRequests.get(r.params);
  if (!params) {
    params = parseStoredRequest(fromJson(r.params), `jobs row ${r.id}`);
    for (const v of Object.values(params)) if (typeof v === 'object' && v !== null) Object.freeze(v);
    Object.freeze(params);
    if (parsedRequests.size >= 1024) parsedRequests.clear();
    parsedRequests.set(r.params, params);
  }
  return params;
}

function toJob(r: JobRow): Job {
  const params = storedRequest(r);
  if (r.kind !== params.kind)
    throw new TypeError(`jobs row ${r.id}: kind ${r.kind} does not match its request's kind ${params.kind}`);
  return {
    id: r.id,
    state: r.state,
    kind: params.kind,
    userId: r.user_id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    model: r.model,
    seed: r.seed,
    params,
    reservationId: r.reservation_id,
    messageId: r.message_id,
    interactionId: r.interaction_id,
    interactionToken: r.interaction_token,
    tokenExpiresAt: r.token_expires_at,
    queuedAt: r.queued_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    waitMs: r.wait_ms,
    runMs: r.run_ms,
    attempts: r.attempts,
    runWith: r.run_with ? r.run_with.split(',').map(Number) : null,
    imageCount: r.image_count,
    error: r.error,
    deleted: r.deleted === 1,
  };
}

const JOB_COLUMNS = `id, state, kind, user_id, guild_id, channel_id, model, params, seed, reservation_id, message_id,
  interaction_id, interaction_token, token_expires_at, queued_at, started_at, finished_at, wait_ms, run_ms, attempts,
  image_count, error, deleted, run_with`;

export type JobStore = ReturnType<typeof createJobStore>;

export function createJobStore(database: Database, opts: { files?: ImageFiles | undefined } = {}) {
  const { sqlite: db, clock } = database;
  const files = opts.files ?? createImageFiles(imagesDirFor(database.path));
  const s = {
    insert: db.prepare(`INSERT INTO jobs (kind, user_id, guild_id, channel_id, model, params, seed, width, height,
        steps, count, parent_job_id, source_index, reservation_id, message_id, interaction_id, interaction_token,
        token_expires_at, queued_at)
      VALUES (@kind, @userId, @guildId, @channelId, @model, @params, @seed, @width, @height, @steps, @count,
        @parentJobId, @sourceIndex, @reservationId, @messageId, @interactionId, @interactionToken, @tokenExpiresAt,
        @at)
      RETURNING ${JOB_COLUMNS}`),
    insertInput: db.prepare(
      'INSERT OR IGNORE INTO job_input_files (job_id, role, sha256, bytes) VALUES (@jobId, @role, @sha256, @bytes)',
    ),
    input: db.prepare('SELECT sha256, bytes FROM job_input_files WHERE job_id = ? AND role = ?'),
    deleteInputs: db.prepare('DELETE FROM job_input_files WHERE job_id = ? RETURNING sha256').pluck(),
    legacyUploads: db.prepare('SELECT job_id, bytes FROM job_uploads ORDER BY job_id LIMIT ?'),
    legacyMasks: db.prepare('SELECT job_id, bytes FROM job_masks ORDER BY job_id LIMIT ?'),
    deleteLegacyUpload: db.prepare('DELETE FROM job_uploads WHERE job_id = ?'),
    deleteLegacyMask: db.prepare('DELETE FROM job_masks WHERE job_id = ?'),
    get: db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`),
    unfinished: db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE ${UNFINISHED} ORDER BY id`),
    queued: db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE ${UNFINISHED} AND state = 'queued' ORDER BY id`),
    forUser: db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`),
    children: db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE parent_job_id = ? ORDER BY id`),
    counts:
      db.prepare(`SELECT coalesce(sum(state = 'queued'), 0) AS queued, coalesce(sum(state = 'running'), 0) AS running
      FROM jobs WHERE ${UNFINISHED}`),
    // Without statistics SQLite prefers the full per-user index, which grows with a user's whole history.
    userCounts:
      db.prepare(`SELECT coalesce(sum(state = 'queued'), 0) AS queued, coalesce(sum(state = 'running'), 0) AS running
      FROM jobs INDEXED BY jobs_user_unfinished WHERE user_id = ? AND ${UNFINISHED}`),
    position: db.prepare(`SELECT count(*) AS ahead FROM jobs WHERE ${UNFINISHED} AND state = 'queued' AND id < ?`),
    // Kept by triggers as jobs change (migration 0010): five rows, not a count of every job.
    byState: db.prepare('SELECT state, n FROM job_state_counts'),
    markRunning: db.prepare(`UPDATE jobs SET state = 'running', started_at = @at, wait_ms = @at - queued_at,
        attempts = attempts + 1
      WHERE id = @id AND state = 'queued'`),
    runWith: db.prepare('UPDATE jobs SET run_with = @runWith WHERE id = @id'),
    markDone: db.prepare(`UPDATE jobs SET state = 'done', finished_at = @at, run_ms = @at - started_at,
        image_count = @imageCount, error = NULL
      WHERE id = @id AND state = 'running' RETURNING wait_ms, run_ms`),
    // A queued job can fail too (e.g. its model is gone at start-up): then it has waited but never run.
    markFailed: db.prepare(`UPDATE jobs SET state = 'failed', finished_at = @at, error = @error,
        wait_ms = coalesce(wait_ms, @at - queued_at), run_ms = CASE WHEN state = 'running' THEN @at - started_at END
      WHERE id = @id AND state IN ('queued', 'running') RETURNING wait_ms, run_ms`),
    markCancelled: db.prepare(`UPDATE jobs SET state = 'cancelled', finished_at = @at, error = @error,
        wait_ms = coalesce(wait_ms, @at - queued_at), run_ms = CASE WHEN state = 'running' THEN @at - started_at END
      WHERE id = @id AND state IN ('queued', 'running') RETURNING wait_ms, run_ms`),
    // Back to the queue with its original id, hence its original place. The wait restarts from queued_at.
    requeue: db.prepare(`UPDATE jobs SET state = 'queued', started_at = NULL, wait_ms = NULL
      WHERE id = ? AND state = 'running'`),
    requeueAll: db.prepare(`UPDATE jobs SET state = 'queued', started_at = NULL, wait_ms = NULL
      WHERE ${UNFINISHED} AND state = 'running' RETURNING id`),
    usageOutcome: db.prepare(`UPDATE usage_log SET outcome = @outcome, wait_ms = @waitMs, run_ms = @runMs,
        image_count = @imageCount WHERE job_id = @id`),
    insertImage: db.prepare(`INSERT INTO job_image_files (job_id, idx, seed, width, height, sha256, bytes)
      VALUES (@jobId, @idx, @seed, @width, @height, @sha256, @bytes)`),
    images: db.prepare(
      'SELECT job_id, idx, seed, width, height, sha256, bytes FROM job_image_files WHERE job_id = ? ORDER BY idx',
    ),
    image: db.prepare(
      'SELECT job_id, idx, seed, width, height, sha256, bytes FROM job_image_files WHERE job_id = ? AND idx = ?',
    ),
    fileInUse: db
      .prepare(`SELECT 1 FROM job_image_files WHERE sha256 = @h
      UNION ALL SELECT 1 FROM job_input_files WHERE sha256 = @h LIMIT 1`)
      .pluck(),
    legacyImages: db.prepare(
      'SELECT job_id, idx, seed, width, height, png FROM job_images ORDER BY job_id, idx LIMIT ?',
    ),
    deleteLegacyImage: db.prepare('DELETE FROM job_images WHERE job_id = ? AND idx = ?'),
    insertMovedImage:
      db.prepare(`INSERT OR IGNORE INTO job_image_files (job_id, idx, seed, width, height, sha256, bytes)
      VALUES (@jobId, @idx, @seed, @width, @height, @sha256, @bytes)`),
    setMessage: db.prepare(
      'UPDATE jobs SET message_id = @messageId, channel_id = coalesce(@channelId, channel_id) WHERE id = @id',
    ),
    setInteraction: db.prepare(`UPDATE jobs SET interaction_id = @interactionId, interaction_token = @token,
        token_expires_at = @expiresAt WHERE id = @id`),
    markDeleted: db.prepare('UPDATE jobs SET deleted = 1 WHERE id = ?'),
    deleteImages: db.prepare('DELETE FROM job_image_files WHERE job_id = ? RETURNING sha256'),
    // A batch of jobs at a time (those that still have images), so that no transaction or pass holds the thread long.
    pruneImages: db.prepare(`DELETE FROM job_image_files WHERE job_id IN
        (SELECT DISTINCT f.job_id FROM job_image_files f JOIN jobs j ON j.id = f.job_id
          WHERE j.state = 'done' AND j.finished_at < ? LIMIT ?)
      RETURNING job_id, sha256`),
    // The inputs of finished jobs past the retention, likewise (a queued or running job keeps its own).
    pruneInputs: db.prepare(`DELETE FROM job_input_files WHERE job_id IN
        (SELECT DISTINCT f.job_id FROM job_input_files f JOIN jobs j ON j.id = f.job_id
          WHERE j.state IN ('done', 'failed', 'cancelled') AND j.finished_at < ? LIMIT ?)
      RETURNING job_id, sha256`),
    // Finished runs that did inference (an upscale is copied from a stored image in no time).
    etaExact: db.prepare(`SELECT run_ms AS ms FROM jobs WHERE state = 'done' AND kind != 'upscale' AND run_ms > 0
        AND model = @model AND width = @width AND height = @height AND steps = @steps AND count = @count
        ORDER BY finished_at DESC LIMIT @window`),
    etaModel: db.prepare(`SELECT run_ms * 1.0 / (width * height * steps * count) AS perUnit FROM jobs
        WHERE state = 'done' AND kind != 'upscale' AND run_ms > 0 AND model = @model
        ORDER BY finished_at DESC LIMIT @window`),
  };

  type Outcome = { wait_ms: number | null; run_ms: number | null } | undefined;
  const recordOutcome = (
    id: number,
    outcome: 'done' | 'failed' | 'cancelled',
    row: Outcome,
    imageCount: number | null,
  ) => {
    s.usageOutcome.run({ id, outcome, waitMs: row?.wait_ms ?? null, runMs: row?.run_ms ?? null, imageCount });
  };

  type InputRef = StoredFile & { role: InputRole };
  const create = db.transaction((input: NewJob, at: number, inputs: readonly InputRef[]): Job => {
    const p = input.params;
    const row = s.insert.get({
      kind: p.kind,
      userId: input.userId,
      guildId: input.guildId,
      channelId: input.channelId ?? null,
      model: input.model,
      params: JSON.stringify(p),
      seed: p.seed,
      width: p.width,
      height: p.height,
      steps: p.steps,
      count: p.count,
      parentJobId: p.parentJobId ?? null,
      sourceIndex: p.sourceIndex ?? null,
      reservationId: input.reservationId ?? null,
      messageId: input.messageId ?? null,
      interactionId: input.interaction?.id ?? null,
      interactionToken: input.interaction?.token ?? null,
      tokenExpiresAt: input.interaction?.expiresAt ?? null,
      at,
    }) as JobRow;
    for (const f of inputs) s.insertInput.run({ jobId: row.id, role: f.role, sha256: f.sha256, bytes: f.bytes });
    return toJob(row);
  });

  const startRun = db.transaction((ids: readonly number[], at: number): number[] => {
    const started = ids.filter((id) => s.markRunning.run({ id, at }).changes === 1);
    const runWith = started.join(',');
    for (const id of started) s.runWith.run({ id, runWith });
    return started;
  });
  const markDone = db.transaction((id: number, images: readonly StoredImage[], at: number): boolean => {
    const row = s.markDone.get({ id, at, imageCount: images.length }) as Outcome;
    if (!row) return false;
    images.forEach((img, idx) =>
      s.insertImage.run({
        jobId: id,
        idx,
        seed: img.seed,
        width: img.width,
        height: img.height,
        sha256: img.sha256,
        bytes: img.bytes,
      }),
    );
    recordOutcome(id, 'done', row, images.length);
    return true;
  });

  const finish = db.transaction(
    (
      stmt: typeof s.markFailed,
      outcome: 'failed' | 'cancelled',
      id: number,
      error: string | null,
      at: number,
    ): boolean => {
      const row = stmt.get({ id, at, error }) as Outcome;
      if (!row) return false;
      recordOutcome(id, outcome, row, 0);
      return true;
    },
  );

  const markDeleted = db.transaction((id: number): string[] | false => {
    if (s.markDeleted.run(id).changes === 0) return false;
    return [...(s.deleteImages.pluck().all(id) as string[]), ...(s.deleteInputs.all(id) as string[])];
  });
  const inUse = (sha256: string) => s.fileInUse.get({ h: sha256 }) !== undefined;
  type Pruned = { job_id: number; sha256: string }[];
  const pruneImages = db.transaction((before: number, limit: number) => ({
    images: s.pruneImages.all(before, limit) as Pruned,
    inputs: s.pruneInputs.all(before, limit) as Pruned,
  }));
  const moveLegacyInputs = db.transaction((moved: (InputRef & { jobId: number })[]) => {
    for (const m of moved) {
      if (m.bytes > 0) s.insertInput.run({ jobId: m.jobId, role: m.role, sha256: m.sha256, bytes: m.bytes });
      (m.role === 'init' ? s.deleteLegacyUpload : s.deleteLegacyMask).run(m.jobId);
    }
  });
  const inputRef = (jobId: number, role: InputRole): StoredFile | undefined =>
    s.input.get(jobId, role) as StoredFile | undefined;
  const readInputSync = (jobId: number, role: InputRole): Buffer | undefined => {
    const ref = inputRef(jobId, role);
    return ref && files.readSync(ref.sha256);
  };
  /**
   * Rows of bytes kept in a legacy table into files: a batch of rows (`next`), each written off the thread (pinned),
   * then their references and the deletion of the rows in one transaction (`commit`), until none is left.
   */
  const moveRows = async <R, M extends StoredFile>(
    next: () => R[],
    bytesOf: (r: R) => Uint8Array,
    toMoved: (r: R, f: StoredFile) => M,
    commit: (moved: M[]) => void,
  ): Promise<{ rows: number; bytes: number }> => {
    let rows = 0;
    let bytes = 0;
    for (let batch = next(); batch.length > 0; batch = next()) {
      const moved: M[] = [];
      try {
        for (const r of batch) moved.push(toMoved(r, await files.put(bytesOf(r))));
        commit(moved);
      } finally {
        files.release(moved.map((m) => m.sha256));
      }
      rows += moved.length;
      bytes += moved.reduce((t, m) => t + m.bytes, 0);
    }
    return { rows, bytes };
  };
  const moveLegacy = db.transaction((rows: (ImageRef & { png?: unknown })[]) => {
    for (const r of rows) {
      s.insertMovedImage.run({
        jobId: r.jobId,
        idx: r.idx,
        seed: r.seed,
        width: r.width,
        height: r.height,
        sha256: r.sha256,
        bytes: r.bytes,
      });
      s.deleteLegacyImage.run(r.jobId, r.idx);
    }
  });

  type ImageRow = {
    job_id: number;
    idx: number;
    seed: number;
    width: number;
    height: number;
    sha256: string;
    bytes: number;
  };
  const toRef = (r: ImageRow): ImageRef => ({
    jobId: r.job_id,
    idx: r.idx,
    seed: r.seed,
    width: r.width,
    height: r.height,
    sha256: r.sha256,
    bytes: r.bytes,
  });
  const isStored = (img: ResultImage | StoredImage): img is StoredImage =>
    'sha256' in img && typeof img.sha256 === 'string';

  return {
    /** How many jobs are in each state, every state named (metrics; five rows read, whatever the table's size). */
    stateCounts(): Record<string, number> {
      const rows = s.byState.all() as { state: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
    /** Inserts a job in state 'queued' (with its upload, if any) and returns it. */
    create(input: NewJob, at = clock()): Job {
      const params = parseStoredRequest(input.params, 'jobs.create');
      const written: string[] = [];
      const inputs: InputRef[] = [];
      for (const [role, value] of [
        ['init', input.initImage],
        ['mask', input.mask],
      ] as const) {
        if (!value) continue;
        if (value instanceof Uint8Array) {
          const f = files.putSync(value);
          written.push(f.sha256);
          inputs.push({ role, ...f });
        } else inputs.push({ role, sha256: value.sha256, bytes: value.bytes });
      }
      try {
        return create({ ...input, params }, at, inputs);
      } finally {
        files.release(written);
      }
    },
    /** Writes a job's input (an upload, a mask) off the gateway thread for create(); release() it after. */
    storeInput(png: Uint8Array): Promise<StoredFile> {
      return files.put(png);
    },
    get(id: number): Job | undefined {
      const row = s.get.get(id) as JobRow | undefined;
      return row && toJob(row);
    },
    /** queued -> running. False if the job was not queued (already started, finished or cancelled). */
    markRunning(id: number, at = clock()): boolean {
      return startRun([id], at).length === 1;
    },
    /**
     * queued -> running for the jobs of one run, in one transaction, each recording the run's jobs (runWith). Returns
     * the ids that started (the others were no longer queued), in the order given.
     */
    startRun(ids: readonly number[], at = clock()): number[] {
      return startRun(ids, at);
    },
    /**
     * running -> done, storing the images (index order) and the outcome on the usage log, in one transaction.
     * False if the job was not running: a job never completes twice.
     */
    markDone(id: number, images: readonly (StoredImage | ResultImage)[], at = clock()): boolean {
      // PNG bytes given here are written on this thread: tools and tests only. The queue stores them first.
      const stored = images.map((img) =>
        isStored(img) ? img : { ...files.putSync(img.png), seed: img.seed, width: img.width, height: img.height },
      );
      try {
        return markDone(id, stored, at);
      } finally {
        for (const [i, img] of images.entries()) if (!isStored(img)) files.release([stored[i]!.sha256]);
      }
    },
    /**
     * Writes result PNGs to the image files off the gateway thread and returns their references for markDone; call
     * release() with them once markDone has run (whether or not the job was still running).
     */
    async storeImages(images: readonly ResultImage[]): Promise<StoredImage[]> {
      const stored: StoredImage[] = [];
      try {
        for (const img of images)
          stored.push({ ...(await files.put(img.png)), seed: img.seed, width: img.width, height: img.height });
      } catch (err) {
        files.release(stored.map((i) => i.sha256));
        throw err;
      }
      return stored;
    },
    release(images: readonly Pick<StoredFile, 'sha256'>[]): void {
      files.release(images.map((i) => i.sha256));
    },
    /** queued or running -> failed, with the reason. False if it had already finished. */
    markFailed(id: number, error: string, at = clock()): boolean {
      return finish(s.markFailed, 'failed', id, error, at);
    },
    /** queued or running -> cancelled. False if it had already finished. */
    markCancelled(id: number, reason: string | null = null, at = clock()): boolean {
      return finish(s.markCancelled, 'cancelled', id, reason, at);
    },
    /** running -> queued, keeping its place (shutdown grace period exceeded). */
    requeue(id: number): boolean {
      return s.requeue.run(id).changes === 1;
    },
    /** At start-up: every job left running by a dead process goes back to the queue. Returns their ids in order. */
    requeueInterrupted(): number[] {
      return (s.requeueAll.all() as { id: number }[]).map((r) => r.id).sort((a, b) => a - b);
    },
    /** Queued and running jobs in their original order (the order they were created). */
    listUnfinished(): Job[] {
      return (s.unfinished.all() as JobRow[]).map(toJob);
    },
    listQueued(): Job[] {
      return (s.queued.all() as JobRow[]).map(toJob);
    },
    /** A user's jobs, newest first; page with `beforeId`. */
    listForUser(userId: string, opts: { limit?: number; beforeId?: number } = {}): Job[] {
      return (s.forUser.all(userId, opts.beforeId ?? Number.MAX_SAFE_INTEGER, opts.limit ?? 20) as JobRow[]).map(toJob);
    },
    /** Variations, upscales and rerolls made from a job. */
    listChildren(parentJobId: number): Job[] {
      return (s.children.all(parentJobId) as JobRow[]).map(toJob);
    },
    counts(): { queued: number; running: number } {
      return s.counts.get() as { queued: number; running: number };
    },
    userCounts(userId: string): { queued: number; running: number } {
      return s.userCounts.get(userId) as { queued: number; running: number };
    },
    /**
     * 1-based place among queued jobs in creation order, or null if the job is not queued. The queue's fair order
     * may differ (round-robin between users); this is the first-come order it starts from.
     */
    queuedPosition(id: number): number | null {
      const job = s.get.get(id) as JobRow | undefined;
      if (job?.state !== 'queued') return null;
      return (s.position.get(id) as { ahead: number }).ahead + 1;
    },
    /**
     * Expected run time, from measured runs stored here (so it holds after a restart): the median of the last
     * `window` finished jobs with the same model, size, steps and count; failing that, this model's recent median
     * cost per pixel-step-image times this key's; null with no history. The median, not the mean: one slow run
     * (the first after a start warms the model up, a run slowed by a crash) must not multiply every estimate.
     */
    estimateRunMs(key: RunKey, window = 10): RunEstimate | null {
      const exact = (s.etaExact.all({ ...key, window }) as { ms: number }[]).map((r) => r.ms);
      if (exact.length) return { ms: median(exact), basis: 'exact', samples: exact.length };
      const scaled = (s.etaModel.all({ model: key.model, window }) as { perUnit: number }[]).map((r) => r.perUnit);
      if (scaled.length)
        return {
          ms: median(scaled) * key.width * key.height * key.steps * key.count,
          basis: 'model',
          samples: scaled.length,
        };
      return null;
    },
    setMessage(id: number, messageId: string, channelId?: string): boolean {
      return s.setMessage.run({ id, messageId, channelId: channelId ?? null }).changes === 1;
    },
    setInteraction(id: number, interaction: { id: string; token: string; expiresAt: number }): boolean {
      return (
        s.setInteraction.run({
          id,
          interactionId: interaction.id,
          token: interaction.token,
          expiresAt: interaction.expiresAt,
        }).changes === 1
      );
    },
    /** The result images' references (no bytes), in index order; empty if none, deleted or expired. */
    images(jobId: number): ImageRef[] {
      return (s.images.all(jobId) as ImageRow[]).map(toRef);
    },
    /** Every result image with its bytes (tests, tools). */
    loadImages(jobId: number): JobImage[] {
      return (s.images.all(jobId) as ImageRow[]).flatMap((r) => {
        const png = files.readSync(r.sha256);
        return png ? [{ ...toRef(r), png }] : [];
      });
    },
    /** One result image's reference (no bytes, no file access); undefined if expired or deleted. */
    imageRef(jobId: number, idx: number): ImageRef | undefined {
      const row = s.image.get(jobId, idx) as ImageRow | undefined;
      return row && toRef(row);
    },
    /** A stored image's bytes, read off the gateway thread; undefined if its file is gone. */
    readImage(ref: Pick<StoredImage, 'sha256'>): Promise<Buffer | undefined> {
      return files.read(ref.sha256);
    },
    /** One result image with its bytes, read off the gateway thread; undefined if expired, deleted or missing. */
    async loadImage(jobId: number, idx: number): Promise<JobImage | undefined> {
      const ref = this.imageRef(jobId, idx);
      const png = ref && (await files.read(ref.sha256));
      return ref && png && { ...ref, png };
    },
    /** One result image with its bytes (a synchronous read of its file: tools and tests); undefined if expired, deleted or missing. */
    image(jobId: number, idx: number): JobImage | undefined {
      const row = s.image.get(jobId, idx) as ImageRow | undefined;
      const png = row && files.readSync(row.sha256);
      return row && png && { ...toRef(row), png };
    },
    /** The painted mask of an edit job, if it has one (a synchronous read of its file: tools and tests). */
    mask(jobId: number): Buffer | undefined {
      return readInputSync(jobId, 'mask');
    },
    /** The member's uploaded picture a job starts from, if any (a synchronous read of its file: tools and tests). */
    initImage(jobId: number): Buffer | undefined {
      return readInputSync(jobId, 'init');
    },
    /** Whether the job has an uploaded picture still kept (no file read). */
    hasInitImage(jobId: number): boolean {
      return inputRef(jobId, 'init') !== undefined;
    },
    /** A job's upload ('init') or painted mask: its file's reference (no file read); read it with readImage. */
    inputRef(jobId: number, role: InputRole): StoredFile | undefined {
      return inputRef(jobId, role);
    },
    /**
     * A job's input for a new job to reuse (a reroll of an upload, of a painted edit): its reference, pinned so that
     * no clean-up deletes the file before the new job's row refers to it (create() takes it as it is, nothing read
     * or written again). release() it once create() has run, or not.
     */
    holdInput(jobId: number, role: InputRole): StoredFile | undefined {
      const ref = inputRef(jobId, role);
      if (ref) files.pin([ref.sha256]);
      return ref;
    },
    /**
     * The owner deleted the results: flag the job and drop its images' references at once; their files go off the
     * gateway thread (files.idle() waits for that; a file a failed deletion leaves is swept later).
     */
    markDeleted(id: number): boolean {
      const hashes = markDeleted(id);
      if (hashes === false) return false;
      files.removeUnused(hashes, inUse).catch(() => undefined);
      return true;
    },
    /**
     * Past the retention: drops the image references of jobs finished before `before` and deletes the files no
     * other job refers to, `batch` jobs at a time (one short transaction, then the files off the gateway thread, then
     * a turn of the event loop), so that a clean-up of months of images never holds the gateway. Resolves with how
     * many jobs lost their images and the bytes freed on disk.
     */
    async pruneImages(before: number, opts: { batch?: number } = {}): Promise<{ jobs: number; bytes: number }> {
      const batch = opts.batch ?? 200;
      let jobCount = 0;
      let bytes = 0;
      for (;;) {
        const { images, inputs } = pruneImages(before, batch);
        const jobIds = new Set(images.map((r) => r.job_id));
        jobCount += jobIds.size;
        bytes += await files.removeUnused(
          [...images, ...inputs].map((r) => r.sha256),
          inUse,
        );
        if (jobIds.size < batch && new Set(inputs.map((r) => r.job_id)).size < batch) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { jobs: jobCount, bytes };
    },
    /** Deletes image files nothing refers to (left by a process killed between writing a file and its row). */
    sweepImageFiles(minAgeMs?: number): Promise<{ files: number; bytes: number }> {
      return files.sweep(inUse, minAgeMs);
    },
    /**
     * Moves what versions before 0005 (result images) and 0009 (uploads and masks) kept inside the database into
     * files, a batch at a time (written off the gateway thread), then VACUUMs once so that the file shrinks. Returns
     * what it moved; nothing the second time.
     */
    async moveStoredFiles(batch = 64): Promise<{ images: number; inputs: number; bytes: number }> {
      type LegacyImage = Omit<ImageRow, 'sha256' | 'bytes'> & { png: Buffer };
      const images = await moveRows(
        () => s.legacyImages.all(batch) as LegacyImage[],
        (r) => r.png,
        (r, f): ImageRef => ({ jobId: r.job_id, idx: r.idx, seed: r.seed, width: r.width, height: r.height, ...f }),
        moveLegacy,
      );
      const inputs = { rows: 0, bytes: 0 };
      for (const role of ['init', 'mask'] as const) {
        const stmt = role === 'init' ? s.legacyUploads : s.legacyMasks;
        const moved = await moveRows(
          () => stmt.all(batch) as { job_id: number; bytes: Buffer }[],
          (r) => r.bytes,
          (r, f) => ({ jobId: r.job_id, role, ...f }),
          moveLegacyInputs,
        );
        inputs.rows += moved.rows;
        inputs.bytes += moved.bytes;
      }
      if (images.rows + inputs.rows > 0) db.exec('VACUUM');
      return { images: images.rows, inputs: inputs.rows, bytes: images.bytes + inputs.bytes };
    },
    /** The image files (backups, tests). */
    files,
  };
}

/** The middle value (the mean of the two middle ones for an even count); `values` is not empty. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
