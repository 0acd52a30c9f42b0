/**
 * What the tests that run the inference process directly (tests/inference/, tests/scale/) share: its options for a
 * generated tiny model on the CPU, and a small request.
 */
import type { GenerateRequest } from '../../src/diffusion/types.ts';

/** The inference process's options: the CPU, one thread, bounds a tiny model fits in, quiet. */
export const inferenceOptions = {
  executionProviders: ['cpu'],
  intraOpThreads: 1,
  bounds: { maxWidth: 256, maxHeight: 256, maxSteps: 200, maxImages: 4 },
  logLevel: 'warn',
} as const;

/** A 64×64, 3-step, one-image request (seed 42, Euler), with `over` applied. */
export function generateRequest(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    prompt: 'a lighthouse at dusk',
    width: 64,
    height: 64,
    steps: 3,
    guidanceScale: 7.5,
    seed: 42,
    count: 1,
    scheduler: 'euler',
    ...over,
  };
}

/** Whether a process is alive (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
