/**
 * Worker capacity per model: whether a set of runs, each on one model, fits the live workers, each of which serves
 * some models and runs at most `slots` jobs in all (whatever their models). A worker serving two models with one
 * slot is one slot, not two, and a run of a model only fits a slot of a worker that serves it.
 *
 * It is bipartite matching (Kuhn's augmenting paths) between runs and worker slots: a new run fits when every run
 * handed off, plus it, can be given its own slot on a worker serving its model. The numbers are small (the runs in
 * flight are at most the slots), so the plain algorithm is fast enough to ask before every hand-off.
 */

/** A live worker as its presence key advertises it. */
export interface WorkerSlots {
  readonly models: readonly string[];
  readonly slots: number;
}

/** Whether `demand` (runs per model) can run at once on `workers`, each run on a slot of a worker serving its model. */
export function fitsWorkers(demand: ReadonlyMap<string, number>, workers: readonly WorkerSlots[]): boolean {
  const runs: string[] = [];
  for (const [model, n] of demand) for (let i = 0; i < n; i++) runs.push(model);
  const slots: ReadonlySet<string>[] = [];
  for (const w of workers) {
    const models = new Set(w.models);
    for (let i = 0; i < w.slots; i++) slots.push(models);
  }
  if (runs.length > slots.length) return false;
  /** The run each slot holds (-1: free). */
  const holder = new Array<number>(slots.length).fill(-1);
  const place = (run: number, seen: boolean[]): boolean => {
    for (let s = 0; s < slots.length; s++) {
      if (seen[s] || !slots[s]!.has(runs[run]!)) continue;
      seen[s] = true;
      // A free slot, or one whose run can move to another slot of its model.
      if (holder[s]! < 0 || place(holder[s]!, seen)) {
        holder[s] = run;
        return true;
      }
    }
    return false;
  };
  return runs.every((_, run) => place(run, new Array<boolean>(slots.length).fill(false)));
}

/**
 * Where a run of `model` stands: 'free' (a worker serving it has a slot for it now), 'busy' (the workers serving it
 * are full; it starts when one frees up) or 'unserved' (no live worker serves it: it waits for one to come).
 */
export function modelAvailability(
  model: string,
  inFlight: ReadonlyMap<string, number>,
  workers: readonly WorkerSlots[],
): 'free' | 'busy' | 'unserved' {
  if (!workers.some((w) => w.slots > 0 && w.models.includes(model))) return 'unserved';
  // Runs of models no live worker serves occupy no slot (they wait in their queue for a worker to come).
  const demand = new Map<string, number>();
  for (const [m, n] of inFlight) if (workers.some((w) => w.models.includes(m))) demand.set(m, n);
  demand.set(model, (demand.get(model) ?? 0) + 1);
  return fitsWorkers(demand, workers) ? 'free' : 'busy';
}
