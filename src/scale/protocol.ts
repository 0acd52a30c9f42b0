/**
 * What the bot and the GPU workers share in Redis: key and queue names, the job data and result (checked with zod
 * on the side that reads them, since they cross a process and a network), and the control channel.
 *
 * SQLite decides, BullMQ carries: a BullMQ job holds a request's parameters and references only. Images travel as
 * binary Redis keys with a TTL (never JSON-encoded buffers), the init image under `in:<key>`, result image i under
 * `out:<key>:<i>`; the bot moves results into its own store and deletes the keys.
 */
import { z } from 'zod';
import { schedulerNames, type GenerateRequest, type GenerateResult, type ModelInfo } from '../diffusion/types.ts';

/** Seconds an image key lives: long enough for a bot restart, short enough that a lost key does not linger. */
export const IMAGE_TTL_S = 24 * 3600;
/** A worker's presence key lives this long; it renews it every third of it. */
export const PRESENCE_TTL_MS = 6_000;
/** A run's latest preview lives this long (the bot reads it at once; the TTL only cleans up after a crash). */
export const PREVIEW_TTL_MS = 60_000;

const NS = 'atelier';

/** One BullMQ queue per model; Redis cluster hash tags are not needed (one Redis). */
export function queueName(model: string): string {
  return `${NS}-${model.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export const keys = {
  /** A live worker: JSON Presence, expiring after PRESENCE_TTL_MS unless renewed. */
  worker: (id: string) => `${NS}:worker:${id}`,
  workerPattern: `${NS}:worker:*`,
  /** Hash: model name -> ModelInfo JSON, written by every worker at start (no TTL: the bot reads it with no worker up). */
  models: `${NS}:models`,
  input: (runKey: string) => `${NS}:in:${runKey}`,
  /**
   * The run a job was last handed off in: JSON RunOf, kept as long as the images. A bot that restarts finds by it the
   * run its previous process was waiting for, and takes that run's result instead of running the job again.
   */
  runOf: (jobKey: string) => `${NS}:run-of:${jobKey}`,
  output: (runKey: string, index: number) => `${NS}:out:${runKey}:${index}`,
  /** A running run's latest step preview (PNG bytes), announced by a progress event with `preview: true`. */
  preview: (runKey: string) => `${NS}:preview:${runKey}`,
  /**
   * A stopped run's ControlMessage type, kept an hour, set before the message is published: pub/sub is
   * fire-and-forget (a worker reconnecting misses messages), so a worker reads the keys of its running jobs each time
   * it has subscribed again, and a job's own key when it starts.
   */
  stopped: (runKey: string) => `${NS}:stop:${runKey}`,
  /** Pub/sub channel of ControlMessages from the bot to every worker. */
  control: `${NS}:control`,
} as const;

/** A hand-off, as keys.runOf records it: the run's key and all its jobs, in order. */
export const runOfSchema = z.object({ run: z.string(), jobs: z.array(z.string()) });
export type RunOf = z.infer<typeof runOfSchema>;

export interface Presence {
  /** The worker's default model. */
  model: string;
  /** Every model it serves (its default first); absent from workers before several models: [model]. */
  models?: string[] | undefined;
  slots: number;
  pid: number;
  host: string;
}
export const presenceSchema = z.object({
  model: z.string(),
  models: z.array(z.string()).optional(),
  slots: z.number().int().min(0),
  pid: z.number().int(),
  host: z.string(),
});

/** cancel: the job's owner cancelled it; restart: it ran past its time limit (stop it and recycle the process). */
export type ControlMessage = { type: 'cancel' | 'restart'; key: string };
export const controlSchema = z.object({ type: z.enum(['cancel', 'restart']), key: z.string() });

const batchEntry = z.object({
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  seed: z.number().int(),
  count: z.number().int().min(1),
});

/** The request without its image bytes (they are under keys.input when hasInitImage). */
export const jobDataSchema = z.object({
  req: z.object({
    prompt: z.string(),
    negativePrompt: z.string().optional(),
    width: z.number().int().min(8),
    height: z.number().int().min(8),
    steps: z.number().int().min(1),
    guidanceScale: z.number(),
    seed: z.number().int(),
    count: z.number().int().min(1),
    scheduler: z.enum(schedulerNames).optional(),
    strength: z.number().optional(),
    chaos: z.number().int().min(0).max(100).optional(),
    decoder: z.enum(['vae', 'taesd']).optional(),
    preview: z.boolean().optional(),
    batch: z.array(batchEntry).optional(),
  }),
  hasInitImage: z.boolean(),
});
export type JobData = z.infer<typeof jobDataSchema>;

/** What a worker returns: everything of a GenerateResult but the PNG bytes (they are under keys.output). */
export const jobResultSchema = z.object({
  images: z.array(z.object({ seed: z.number().int(), width: z.number().int(), height: z.number().int() })),
  timings: z.object({
    tokenizeMs: z.number(),
    encodeMs: z.number(),
    stepMs: z.array(z.number()),
    decodeMs: z.number(),
    pngMs: z.number(),
    totalMs: z.number(),
    sessionRunMs: z.number(),
  }),
  info: z.object({
    model: z.string(),
    scheduler: z.string(),
    steps: z.number(),
    guidanceScale: z.number(),
    tokenCount: z.number(),
    truncatedTokens: z.number(),
    batchTokens: z.array(z.object({ tokenCount: z.number(), truncatedTokens: z.number() })).optional(),
    executionProvider: z.string(),
  }),
});
export type JobResult = z.infer<typeof jobResultSchema>;

/** BullMQ progress of a run; `preview`: keys.preview holds this step's preview. */
export const progressSchema = z.object({
  step: z.number().int(),
  totalSteps: z.number().int(),
  preview: z.boolean().optional(),
});

export function toJobData(req: GenerateRequest): JobData {
  const { initImage, initLatents: _latents, ...rest } = req;
  return { req: { ...rest, batch: rest.batch ? [...rest.batch] : undefined }, hasInitImage: !!initImage };
}

export function toJobResult(result: GenerateResult): JobResult {
  return {
    images: result.images.map((i) => ({ seed: i.seed, width: i.width, height: i.height })),
    timings: result.timings,
    info: result.info,
  };
}

export const modelInfoSchema = z.object({
  name: z.string(),
  dir: z.string(),
  family: z.string(),
  sampleSize: z.number(),
  defaultSteps: z.number(),
  defaultGuidance: z.number(),
  defaultScheduler: z.string(),
  guidanceFree: z.boolean(),
  supportsImg2Img: z.boolean(),
  executionProvider: z.string(),
  dtype: z.enum(['float32', 'float16']),
}) satisfies z.ZodType<ModelInfo>;
