/**
 * How many intra-op threads the CPU provider gets, and whether they spin. onnxruntime's own default (intra-op
 * threads 0) is not "one per core" everywhere: in containers it often sees one core and runs a single thread.
 * Measured on the generated models (`npm run bench -- pipeline`): the tiny model's operators are too small to split,
 * so one thread is fastest there (several processes scale instead); a model of real size gets the host's cores.
 * Spinning threads (onnxruntime's default) busy-wait between operators; when the threads take every core, anything
 * else on the host (the bot itself, other inference processes) competes with that spinning, so it is turned off then.
 * INTRA_OP_THREADS > 0 overrides the count; the choice is logged at load.
 */
import { availableParallelism } from 'node:os';

/** Below this many bytes of UNet weights a model is "small": its operators take microseconds, one thread wins. */
export const SMALL_MODEL_BYTES = 64 * 1024 * 1024;
/** More threads than this rarely help one session (memory bandwidth bound); several processes scale further. */
export const MAX_AUTO_THREADS = 16;

export interface ThreadChoice {
  intraOpThreads: number;
  /** onnxruntime's session.intra_op.allow_spinning. */
  spinning: boolean;
  cores: number;
  /** Why, in a few words, for the log and the bench. */
  reason: string;
}

/** requested: INTRA_OP_THREADS (0 = choose); unetBytes: the UNet's weights on disk. */
export function chooseThreads(requested: number, unetBytes: number, cores = availableParallelism()): ThreadChoice {
  let threads: number;
  let reason: string;
  if (requested > 0) {
    threads = requested;
    reason = 'INTRA_OP_THREADS';
  } else if (unetBytes < SMALL_MODEL_BYTES) {
    threads = 1;
    reason = `small model (${Math.round(unetBytes / 2 ** 20)} MB UNet): one thread; more processes scale instead`;
  } else {
    threads = Math.max(1, Math.min(cores, MAX_AUTO_THREADS));
    reason = `${Math.round(unetBytes / 2 ** 20)} MB UNet: one thread per core`;
  }
  // Spinning only pays when the threads leave cores free for everything else.
  const spinning = threads > 1 && threads < cores;
  return { intraOpThreads: threads, spinning, cores, reason };
}
