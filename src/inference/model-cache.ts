/**
 * The models an inference process keeps loaded: least recently used first out, within a memory budget
 * (MODEL_MEMORY_MB). A model's size is estimated before it loads (its ONNX files' bytes: the weights the sessions
 * hold), and the idle models used longest ago are released until it fits. A model in use is never released; a model
 * larger than the whole budget still loads, alone, with a warning (refusing it would make it unusable). Two requests
 * for a model that is loading share the one load.
 */
export interface ModelCacheOptions<T> {
  /** Bytes the loaded models may take together. */
  budgetBytes: number;
  /** Estimated resident bytes of a model, before it is loaded. */
  sizeOf(name: string): number;
  load(name: string): Promise<T>;
  release(value: T): Promise<void>;
  /** Told when a model is released to make room, or loads beyond the budget. */
  log?: ((event: 'evicted' | 'over-budget', details: Record<string, unknown>) => void) | undefined;
}

export interface ModelCache<T> {
  /**
   * Runs `f` on the model, loading it first when it is not loaded (`onLoading` is called then, before the load
   * starts). The model stays loaded at least until `f` settles.
   */
  use<R>(name: string, f: (value: T) => Promise<R>, onLoading?: () => void): Promise<R>;
  /** Loaded (or loading) models, the most recently used first. */
  loaded(): string[];
  has(name: string): boolean;
  /** Estimated bytes of the loaded models. */
  readonly usedBytes: number;
  readonly budgetBytes: number;
  /** Releases every model (shutdown). */
  releaseAll(): Promise<void>;
}

interface Entry<T> {
  name: string;
  bytes: number;
  value: Promise<T>;
  users: number;
  lastUsed: number;
}

export function createModelCache<T>(opts: ModelCacheOptions<T>): ModelCache<T> {
  if (!(opts.budgetBytes > 0))
    throw new RangeError(`model cache: the budget must be positive, got ${opts.budgetBytes}`);
  const entries = new Map<string, Entry<T>>();
  let tick = 0;
  /** Bytes of the models loaded or loading, but for `except` (the one making room for itself). */
  const used = (except?: string) => [...entries.values()].reduce((n, e) => (e.name === except ? n : n + e.bytes), 0);

  /** Releases idle models, least recently used first, until `bytes` more fit (or nothing idle is left). */
  async function makeRoom(bytes: number, forName: string): Promise<void> {
    const idle = [...entries.values()]
      .filter((e) => e.users === 0 && e.name !== forName)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const e of idle) {
      if (used(forName) + bytes <= opts.budgetBytes) break;
      if (entries.get(e.name) !== e || e.users > 0) continue; // taken again meanwhile
      entries.delete(e.name);
      opts.log?.('evicted', { model: e.name, bytes: e.bytes, for: forName });
      await e.value.then(opts.release, () => undefined);
    }
    if (used(forName) + bytes > opts.budgetBytes) {
      opts.log?.('over-budget', {
        model: forName,
        bytes,
        usedBytes: used(forName),
        budgetBytes: opts.budgetBytes,
        inUse: [...entries.values()].filter((e) => e.users > 0).map((e) => e.name),
      });
    }
  }

  function acquire(name: string, onLoading?: () => void): Entry<T> {
    let entry = entries.get(name);
    if (!entry) {
      const bytes = opts.sizeOf(name);
      onLoading?.();
      const e: Entry<T> = { name, bytes, users: 0, lastUsed: ++tick, value: Promise.resolve(undefined as T) };
      // Registered before the room is made, so that a second request for it waits on this load.
      e.value = makeRoom(bytes, name).then(() => opts.load(name));
      e.value.catch(() => {
        if (entries.get(name) === e) entries.delete(name);
      });
      entries.set(name, e);
      entry = e;
    }
    entry.users++;
    entry.lastUsed = ++tick;
    return entry;
  }

  return {
    async use(name, f, onLoading) {
      const entry = acquire(name, onLoading);
      try {
        return await f(await entry.value);
      } finally {
        entry.users--;
        entry.lastUsed = ++tick;
      }
    },
    loaded: () => [...entries.values()].sort((a, b) => b.lastUsed - a.lastUsed).map((e) => e.name),
    has: (name) => entries.has(name),
    get usedBytes() {
      return used();
    },
    budgetBytes: opts.budgetBytes,
    async releaseAll() {
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map((e) => e.value.then(opts.release, () => undefined)));
    },
  };
}
