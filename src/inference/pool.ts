/**
 * Several local inference processes behind one InferenceBackend (INFERENCE_PROCESSES): each request goes to the
 * process with the fewest requests in flight. One process per GPU, or several on one host where the model is small
 * enough that one process cannot keep the cores busy (see `npm run bench -- scale`). With one process it is the
 * plain inference client.
 */
import { availableParallelism } from 'node:os';
import type { GenerateOptions, GenerateRequest, GenerateResult, ModelInfo } from '../diffusion/types.ts';
import type { InferenceBackend } from '../queue/types.ts';
import { createInferenceClient, type InferenceClient, type InferenceClientOptions } from './client.ts';

export interface InferencePoolOptions extends InferenceClientOptions {
  /** Inference processes (each loads the model once). */
  processes: number;
}

export interface InferencePool extends InferenceBackend {
  /** Starts every process; resolves with the model's description once all have loaded it. */
  start(): Promise<ModelInfo>;
  generate(req: GenerateRequest, opts?: GenerateOptions): Promise<GenerateResult>;
  /** Recycles the processes running a request whose signal has fired (a time limit); every one when none has. */
  restart(): Promise<void>;
  close(graceMs?: number): Promise<void>;
  readonly info: ModelInfo | undefined;
  /** Every installed model (from memory), the default first (InferenceClient.models). */
  readonly models: readonly ModelInfo[];
  /** Asks again which models are installed (after one was installed or removed). */
  refreshModels(): Promise<readonly ModelInfo[]>;
  /** The processes' ids (tests: a worker's children). */
  readonly pids: (number | undefined)[];
}

/**
 * Threads per process when the owner left INTRA_OP_THREADS at 0 (one per core): the cores shared between the
 * processes, so N processes do not each start one thread per core and fight over them.
 */
export function threadsPerProcess(intraOpThreads: number, processes: number, cores = availableParallelism()): number {
  if (intraOpThreads > 0 || processes <= 1) return intraOpThreads;
  return Math.max(1, Math.floor(cores / processes));
}

export function createInferencePool(options: InferencePoolOptions): InferencePool {
  if (!(Number.isInteger(options.processes) && options.processes >= 1)) {
    throw new RangeError(`inference pool: processes must be a positive integer, got ${options.processes}`);
  }
  const intraOpThreads = threadsPerProcess(options.intraOpThreads, options.processes);
  const members = Array.from({ length: options.processes }, () => ({
    client: createInferenceClient({ ...options, intraOpThreads }) as InferenceClient,
    /** Signals of the requests in flight on this process. */
    inFlight: new Set<AbortSignal | undefined>(),
  }));

  return {
    get info() {
      return members[0]!.client.info;
    },
    get models() {
      return members[0]!.client.models;
    },
    refreshModels: () => members[0]!.client.refreshModels(),
    get pids() {
      return members.map((m) => m.client.pid);
    },
    async start() {
      const infos = await Promise.all(members.map((m) => m.client.start()));
      return infos[0]!;
    },
    async generate(req, opts = {}) {
      // Least loaded first; ties go to the lowest index, so one request at a time always uses the same process.
      let m = members[0]!;
      for (const c of members) if (c.inFlight.size < m.inFlight.size) m = c;
      const key = opts.signal ?? new AbortController().signal;
      m.inFlight.add(key);
      try {
        return await m.client.generate(req, opts);
      } finally {
        m.inFlight.delete(key);
      }
    },
    async restart() {
      const stuck = members.filter((m) => [...m.inFlight].some((s) => s?.aborted));
      await Promise.all((stuck.length ? stuck : members).map((m) => m.client.restart()));
    },
    async close(graceMs) {
      await Promise.all(members.map((m) => m.client.close(graceMs)));
    },
  };
}
