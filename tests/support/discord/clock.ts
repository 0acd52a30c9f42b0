// The emulator's notion of "now". Every time-based Discord rule (the 3-second acknowledgement window, the
// 15-minute token lifetime, snowflake timestamps) reads this clock, so a test can jump ahead with advance()
// instead of sleeping. It follows real time by default; advance() adds a fixed offset.

export interface Clock {
  now(): number;
}

export class TestClock implements Clock {
  #offset = 0;
  readonly #base: () => number;

  constructor(base: () => number = Date.now) {
    this.#base = base;
  }

  now(): number {
    return this.#base() + this.#offset;
  }

  /** Moves time forward by `ms` (never backwards: snowflakes must keep increasing). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`clock.advance(ms) needs a non-negative number, got ${ms}`);
    this.#offset += ms;
  }

  /** How far this clock runs ahead of its base, in ms. */
  get offset(): number {
    return this.#offset;
  }
}

export const DISCORD_EPOCH = 1420070400000n;

/** Makes snowflakes from the clock: timestamp in the top 42 bits, a running counter below. */
export class SnowflakeFactory {
  #increment = 0n;
  #last = 0n;
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  next(): string {
    let id = ((BigInt(Math.floor(this.#clock.now())) - DISCORD_EPOCH) << 22n) | (this.#increment++ & 0x3fffffn);
    if (id <= this.#last) id = this.#last + 1n;
    this.#last = id;
    return id.toString();
  }
}
