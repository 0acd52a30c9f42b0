/**
 * The queue's public types: the narrow boundary to inference, its configuration, and the events the bot renders.
 * Nothing here knows about Discord.
 */
import type { GenerateRequest, GenerateResult, StepProgress } from '../diffusion/types.ts';
import type { Job, ResultImage } from '../db/jobs.ts';

/** Why no worker can take a waiting job now: none serves its model, or the workers cannot be reached (Redis down). */
export type NoWorker = 'unserved' | 'unreachable';

/**
 * What the queue needs from inference: a request in; progress events, images or an error out. The inference client
 * (src/inference/client.ts) satisfies it; a pool of remote workers (e.g. behind BullMQ) could too.
 */
export interface InferenceBackend {
  /**
   * Runs one request. Must stop with a rejection soon after `signal` fires (the pipeline checks it between steps)
   * and call `onStep` after each denoising step.
   */
  generate(
    req: GenerateRequest,
    opts: {
      signal: AbortSignal;
      onStep: (progress: StepProgress) => void;
      /**
       * Names this run (its jobs and their attempt numbers): the same run handed over again, after a lost connection,
       * carries the same key, so a remote backend can recognise a hand-off it already made.
       */
      key?: string | undefined;
      /** The request's model is not loaded and loading it starts (it takes a while): the member is told. */
      onLoading?: ((model: string) => void) | undefined;
      /**
       * The jobs in this run, each by a name that stays the same across its attempts (its part of `key` without the
       * attempt). A remote backend finds by them a run that a previous bot process handed off for the same jobs, and
       * takes that run's result (or waits for it) instead of running the jobs again.
       */
      jobKeys?: readonly string[] | undefined;
    },
  ): Promise<GenerateResult>;
  /** Recycles the inference process (after a time limit): a request still in flight must reject. */
  restart(): Promise<void>;
  /**
   * Requests it can run at once right now, for a backend whose capacity changes (remote workers coming and going;
   * 0: none reachable, jobs wait). Absent: QueueConfig.slots, fixed.
   */
  capacity?(): number;
  /** Subscribes to changes of capacity() and of availability() (workers coming, going, or serving other models). */
  onCapacityChange?(listener: () => void): void;
  /**
   * Whether a run on `model` can start now, for a backend whose workers serve different models: 'free' (a worker
   * serving it has a slot for it), 'busy' (they are all busy: it starts when one frees up), 'unserved' (no live
   * worker serves that model) or 'unreachable' (the workers cannot be reached: Redis is down); in the last two its
   * jobs wait with their place, and their members are told why. Absent: always 'free'. `starting`:
   * runs per model the queue has taken and is about to hand over (their images are being read), counted as in flight.
   */
  availability?(model: string, starting?: ReadonlyMap<string, number>): 'free' | 'busy' | NoWorker;
  /**
   * The live workers, each with the models it serves and its slots (shared by those models), so that estimates lay
   * each job onto the slots that can run it. Absent: capacity() (or QueueConfig.slots) slots that run any model.
   */
  workers?(): readonly { readonly models: readonly string[]; readonly slots: number }[];
}

export interface QueueConfig {
  /** Jobs (or batches) run at once: the inference slots (1 per GPU). */
  slots: number;
  /** Most jobs waiting (state queued) overall; past it submit() refuses. */
  maxWaiting: number;
  /** Most unfinished jobs (queued or running) per user; past it submit() refuses. */
  maxPerUser: number;
  /** A running job taking longer fails and the inference process is recycled. A batch gets this per job in it. */
  jobTimeoutMs: number;
  /**
   * MAX_BATCH_LATENTS: most latents (one per image) in one UNet call. Compatible waiting jobs share a backend request,
   * which the pipeline runs as one UNet call per step, while their latents stay within this (classifier-free guidance
   * doubles the UNet's rows for every job of a batch alike). A job with more latents than this runs alone (the
   * pipeline, given the same limit, splits its UNet calls).
   * Default 1: no job shares.
   */
  maxBatchLatents?: number | undefined;
  /**
   * Share of the inference slots per guild id ('' for direct messages); guilds not named weigh 1. When given, the
   * scheduler rotates between guilds by weight first, then between each guild's users. Absent: one rotation over
   * all users.
   */
  guildWeights?: Readonly<Record<string, number>> | undefined;
  /** Run-time guess (ms) for a job when the jobs store has no history for its model yet. Default 30 s. */
  fallbackRunMs?: number | undefined;
  /** Times a job may enter 'running' before a crash (of the inference process or the bot) fails it. Default 3. */
  maxAttempts?: number | undefined;
  /** Ask the pipeline for a small preview image with each step (the first job of a batch gets it). Default true. */
  previews?: boolean | undefined;
  /**
   * Jobs posted in Discord ask the pipeline for upscaled display copies of images whose shorter side is under this
   * (DISPLAY_MIN_SIDE; GenerateRequest.displayMinSide). 0 or absent: none.
   */
  displayMinSide?: number | undefined;
  /**
   * Least time between two passes that tell waiting jobs their new place (ms): a burst of starts and arrivals is
   * told once per tick, to the jobs whose place or estimate moved. Default 1000 (POSITION_TICK_MS).
   */
  positionTickMs?: number | undefined;
}

/** What the bot is told about a job. Every event carries the job id next to it (see JobQueue.on). */
export type QueueEvent =
  /**
   * Accepted and waiting. `position` is 1-based in the fair start order; `etaMs` is the estimated wait until it
   * starts; `noWorker`: no live worker serves its model now (no estimate: it starts once one does).
   */
  | { type: 'queued'; position: number; etaMs: number; noWorker?: NoWorker | undefined }
  /** Its place, estimate or `noWorker` changed (sent only when one of them did). */
  | { type: 'position'; position: number; etaMs: number; noWorker?: NoWorker | undefined }
  /** Put back in the queue after the bot or the inference process restarted (its message should say so). */
  | { type: 'recovered'; position: number; etaMs: number; wasRunning: boolean; noWorker?: NoWorker | undefined }
  /** Its model is being loaded before it can start painting (the first job on that model in a while). */
  | { type: 'loading'; model: string }
  /** Running; `estimateMs` is how long it is expected to take; `batchSize` jobs share the request. */
  | { type: 'started'; estimateMs: number; batchSize: number }
  | { type: 'progress'; step: number; totalSteps: number; preview?: Uint8Array | undefined }
  /** Finished: the images are stored (jobs.images(jobId)) and are also given here, in index order. */
  | { type: 'done'; images: ResultImage[]; info: GenerateResult['info']; waitMs: number; runMs: number }
  /** Failed; `error` is meant for the user (a UserError's message, or a short text with `errorId` for a bug). */
  | {
      type: 'failed';
      error: string;
      errorId?: string | undefined /** `error` in a Discord locale (i18n). */;
      localized?: ((locale: string) => string) | undefined;
    }
  /** Cancelled by its owner or removed by a moderator. */
  | { type: 'cancelled'; byUserId: string; byModerator: boolean; reason: string | null }
  /** Shutdown: it was stopped and left queued; the next start runs it (and sends 'recovered'). */
  | { type: 'interrupted' };

export type QueueListener = (jobId: number, event: QueueEvent) => void;

/** A queued job as the scheduler projects it. */
export interface QueuedEntry {
  job: Job;
  /** 1-based place in the fair start order. */
  position: number;
  /** Estimated wait until it starts. */
  etaMs: number;
  /** Estimated run time once started. */
  runMs: number;
  /** No live worker serves its model now (InferenceBackend.availability): `etaMs` means nothing then. */
  noWorker?: NoWorker | undefined;
}

export interface RunningEntry {
  job: Job;
  startedAt: number;
  elapsedMs: number;
  /** Estimated time left (from the step progress when there is some, else from the run-time estimate). */
  remainingMs: number;
  step: number | null;
  totalSteps: number | null;
  /** Jobs in the same backend request. */
  batchSize: number;
}

export interface QueueSnapshot {
  running: RunningEntry[];
  /** In fair start order. */
  queued: QueuedEntry[];
  slots: number;
  maxWaiting: number;
  maxPerUser: number;
  accepting: boolean;
}

export type CancelResult =
  | { cancelled: true; wasRunning: boolean; job: Job }
  | { cancelled: false; reason: 'not-found' | 'finished'; job?: Job | undefined };

export interface RecoverReport {
  /** Jobs found running (the previous process died or stopped mid-job), put back in the queue. */
  requeued: number[];
  /** Every job now waiting after recovery, in id (original) order. */
  queued: number[];
  /** Jobs that had already been started maxAttempts times: failed (and refunded) rather than run again. */
  failed: number[];
}
