/**
 * Messages between the inference client (parent) and the inference process (child). They travel over the IPC
 * channel with `serialization: 'advanced'` (the structured clone algorithm), so typed arrays such as PNG bytes and
 * init latents pass as binary rather than JSON.
 */
import { z } from 'zod';
import { editSchema } from '../request/request.ts';
import { CancelledError, ModelError, UserError } from '../errors.ts';
import {
  schedulerNames,
  type SchedulerName,
  type GenerateRequest,
  type GenerateResult,
  type ModelInfo,
  type StepProgress,
} from '../diffusion/types.ts';
import type { PipelineBounds } from '../diffusion/pipeline.ts';

export interface InitOptions {
  /** The default model, loaded at start: requests that name none run on it. */
  modelDir: string;
  /** Where the other installed models are (MODELS_PATH): a request naming one loads it from there. */
  modelsRoot?: string | undefined;
  /** What the loaded models may take together (model-cache.ts); absent: no other model is kept beside the one in use. */
  memoryBudgetBytes?: number | undefined;
  executionProviders: readonly string[];
  intraOpThreads: number;
  /** MODEL_SCHEDULER: the scheduler of requests that name none (LoadOptions.scheduler). */
  scheduler?: SchedulerName | undefined;
  bounds?: Partial<PipelineBounds> | undefined;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | undefined;
}

export interface WorkerStats {
  rssBytes: number;
  heapUsedBytes: number;
  /** Total time inside session.run() in the inference process since it started. */
  sessionRunMs: number;
}

export type ToWorker =
  | { type: 'init'; options: InitOptions }
  | { type: 'generate'; id: number; req: GenerateRequest; wantSteps: boolean }
  | { type: 'cancel'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'models'; id: number }
  | { type: 'shutdown' };

/**
 * A generate request as it arrives in the inference process: its shape and types. The values are then checked
 * against the loaded model by the pipeline's checkInputs, whose refusals are messages for people; a request of the
 * wrong shape is a bug in the parent.
 */
export const generateRequestSchema = z.object({
  model: z.string().optional(),
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  width: z.number(),
  height: z.number(),
  steps: z.number(),
  guidanceScale: z.number(),
  seed: z.number(),
  count: z.number(),
  scheduler: z.enum(schedulerNames).optional(),
  strength: z.number().optional(),
  chaos: z.number().optional(),
  decoder: z.enum(['vae', 'taesd']).optional(),
  initImage: z.instanceof(Uint8Array).optional(),
  mask: z.instanceof(Uint8Array).optional(),
  edit: editSchema.optional(),
  initLatents: z.instanceof(Float32Array).optional(),
  preview: z.boolean().optional(),
  displayMinSide: z.number().optional(),
  batch: z
    .array(z.object({ prompt: z.string(), negativePrompt: z.string().optional(), seed: z.number(), count: z.number() }))
    .optional(),
}) satisfies z.ZodType<GenerateRequest>;

/** The request from a 'generate' message, or a TypeError naming what is wrong with it. */
export function parseGenerateRequest(value: unknown): GenerateRequest {
  const r = generateRequestSchema.safeParse(value);
  if (!r.success) throw new TypeError(`the inference process got a malformed request: ${z.prettifyError(r.error)}`);
  return r.data;
}

export type FromWorker =
  /** The default model loaded; `models`: every installed model as its files describe it (describeModelFiles). */
  | { type: 'ready'; info: ModelInfo; models: ModelInfo[] }
  /** A request's model is not loaded: loading it starts now. */
  | { type: 'loading'; id: number; model: string }
  | { type: 'models'; id: number; models: ModelInfo[] }
  | { type: 'init-error'; error: SerializedError }
  | { type: 'step'; id: number; progress: StepProgress }
  | { type: 'result'; id: number; result: GenerateResult }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'stats'; id: number; stats: WorkerStats };

export interface SerializedError {
  kind: 'UserError' | 'ModelError' | 'CancelledError' | 'Error';
  message: string;
  code?: string | undefined;
  dir?: string | undefined;
  stack?: string | undefined;
}

/** Keeps the error's kind across the process boundary: user errors stay user errors, with the same message. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof ModelError)
    return { kind: 'ModelError', message: err.message, code: err.code, dir: err.dir, stack: err.stack };
  if (err instanceof UserError) return { kind: 'UserError', message: err.message, code: err.code, stack: err.stack };
  if (err instanceof CancelledError) return { kind: 'CancelledError', message: err.message };
  if (err instanceof Error) return { kind: 'Error', message: err.message, stack: err.stack };
  return { kind: 'Error', message: String(err) };
}

export function deserializeError(e: SerializedError): Error {
  let err: Error;
  switch (e.kind) {
    case 'ModelError': {
      const m = new ModelError(e.dir ?? '', '');
      m.message = e.message;
      err = m;
      break;
    }
    case 'UserError':
      err = new UserError(e.message, e.code);
      break;
    case 'CancelledError':
      return new CancelledError(e.message);
    default:
      err = new Error(e.message);
  }
  // The child's stack says where it really happened; keep it for the log.
  if (e.stack)
    err.stack = `${err.name}: ${e.message}\n    [in the inference process]\n${e.stack.split('\n').slice(1).join('\n')}`;
  return err;
}
