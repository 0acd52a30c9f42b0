/**
 * The fair order: a FIFO per user, users taken in turn (round-robin), optionally weighted per guild.
 *
 * It is stride scheduling (Waldspurger & Weihl, 1995): every flow has a `pass`; the flow with the smallest pass
 * goes next and its pass grows by its stride (STRIDE / weight). Equal passes go to the flow served longest ago,
 * then to the one that arrived first, which makes equal weights exactly round-robin. A flow that becomes active
 * starts at max(its own last pass, the virtual time: the pass of the last flow served), so idle time is not banked
 * as credit and a turn just taken is not forgotten: user A queueing 20 jobs and B queueing 1 afterwards gives B the
 * very next turn.
 *
 * Two levels: guilds (by weight), then users within a guild (equal). Without guild weights every job is in one
 * group and it is a plain rotation over users. Pure data structure: no I/O, no timers; `order()` projects the
 * whole start order on a copy, which is what positions and ETAs are computed from.
 */

export interface FairItem {
  readonly id: number;
  readonly userId: string;
  readonly guildId: string | null;
}

/** Integer strides keep ties exact (no floating-point drift over thousands of turns). */
const STRIDE = 720_720; // divisible by 1..16

interface Flow {
  pass: number;
  /** Turn counter when last served (0: never). */
  lastServed: number;
  /** Arrival order, the last tie-break. */
  joined: number;
}

interface UserFlow<T> extends Flow {
  readonly key: string;
  readonly items: T[];
}

interface Past {
  pass: number;
  lastServed: number;
}

interface GroupFlow<T> extends Flow {
  readonly key: string;
  readonly stride: number;
  readonly users: Map<string, UserFlow<T>>;
  /** Users with nothing queued, remembered (see retire). */
  readonly idleUsers: Map<string, Past>;
  /** Pass of the last user served in this group. */
  vtime: number;
}

export interface FairOptions {
  /** Weight per guild id ('' for DMs); absent: one group for everyone. */
  guildWeights?: Readonly<Record<string, number>> | undefined;
}

export class FairQueue<T extends FairItem> {
  private readonly groups = new Map<string, GroupFlow<T>>();
  private readonly idleGroups = new Map<string, Past & { vtime: number; idleUsers: Map<string, Past> }>();
  private retired = 0;
  private readonly byId = new Map<number, T>();
  /** Interrupted jobs (a stop or a crash took them mid-run): they go before every flow, in the order given. */
  private readonly front: T[] = [];
  private vtime = 0;
  private turn = 0;
  private arrivals = 0;
  private readonly weights: Readonly<Record<string, number>> | undefined;

  constructor(opts: FairOptions = {}) {
    this.weights = opts.guildWeights;
    for (const [g, w] of Object.entries(opts.guildWeights ?? {})) {
      if (!(w > 0) || !Number.isFinite(w))
        throw new RangeError(`guild weight for ${g} must be a positive number, got ${w}`);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  /** How many items one user has waiting. */
  countForUser(userId: string): number {
    let n = this.front.filter((i) => i.userId === userId).length;
    for (const g of this.groups.values()) n += g.users.get(userId)?.items.length ?? 0;
    return n;
  }

  /** Appends to its user's FIFO. */
  push(item: T): void {
    this.insert(item, false);
  }

  /** Puts an item back at the head of its user's FIFO (a job interrupted mid-run goes first among its owner's). */
  unshift(item: T): void {
    this.insert(item, true);
  }

  /**
   * Puts an interrupted item at the head of the whole line, ahead of every user's turn, without charging anyone
   * again (its user paid a turn when it first started). Several resumed items keep the order they are given in.
   */
  resume(item: T): void {
    if (this.byId.has(item.id)) throw new Error(`job ${item.id} is already queued`);
    this.front.push(item);
    this.byId.set(item.id, item);
  }

  private groupKey(item: FairItem): string {
    return this.weights ? (item.guildId ?? '') : '*';
  }

  private insert(item: T, atHead: boolean): void {
    if (this.byId.has(item.id)) throw new Error(`job ${item.id} is already queued`);
    const gk = this.groupKey(item);
    let group = this.groups.get(gk);
    if (!group) {
      const weight = this.weights?.[gk] ?? 1;
      const past = this.idleGroups.get(gk);
      this.idleGroups.delete(gk);
      group = {
        key: gk,
        stride: Math.max(1, Math.round(STRIDE / weight)),
        users: new Map(),
        vtime: past?.vtime ?? 0,
        pass: Math.max(past?.pass ?? 0, this.vtime),
        lastServed: past?.lastServed ?? 0,
        joined: ++this.arrivals,
        idleUsers: past?.idleUsers ?? new Map(),
      };
      this.groups.set(gk, group);
    }
    let user = group.users.get(item.userId);
    if (!user) {
      const past = group.idleUsers.get(item.userId);
      group.idleUsers.delete(item.userId);
      user = {
        key: item.userId,
        items: [],
        pass: Math.max(past?.pass ?? 0, group.vtime),
        lastServed: past?.lastServed ?? 0,
        joined: ++this.arrivals,
      };
      group.users.set(item.userId, user);
    }
    if (atHead) user.items.unshift(item);
    else user.items.push(item);
    this.byId.set(item.id, item);
  }

  /**
   * Takes the next item in fair order. With `eligible`, the fairest item it accepts: the flow with the smallest pass
   * among those holding one, and that flow's first such item (e.g. only jobs whose model has a free worker slot).
   * Flows passed over are not charged, so they keep their turn for when their items can go.
   */
  shift(eligible?: (item: T) => boolean): T | undefined {
    const r = eligible ? this.front.findIndex(eligible) : this.front.length ? 0 : -1;
    if (r >= 0) {
      const [resumed] = this.front.splice(r, 1);
      this.byId.delete(resumed!.id);
      return resumed;
    }
    const holds = (u: UserFlow<T>) => !eligible || u.items.some(eligible);
    const group = pick(
      eligible ? [...this.groups.values()].filter((g) => [...g.users.values()].some(holds)) : this.groups.values(),
    );
    if (!group) return undefined;
    const user = pick(eligible ? [...group.users.values()].filter(holds) : group.users.values())!;
    const [item] = user.items.splice(eligible ? user.items.findIndex(eligible) : 0, 1);
    this.charge(group, user);
    this.byId.delete(item!.id);
    return item;
  }

  /**
   * Takes a specific item out of turn (a batch partner) and charges its user and group a turn, as if it had been
   * picked. Returns false if it is not queued.
   */
  take(id: number): boolean {
    const item = this.byId.get(id);
    if (!item) return false;
    if (this.dropFront(item)) return true;
    const group = this.groups.get(this.groupKey(item))!;
    const user = group.users.get(item.userId)!;
    user.items.splice(user.items.indexOf(item), 1);
    this.charge(group, user);
    this.byId.delete(id);
    return true;
  }

  /** Removes an item without charging anyone (cancelled while waiting). */
  remove(id: number): T | undefined {
    const item = this.byId.get(id);
    if (!item) return undefined;
    if (this.dropFront(item)) return item;
    const group = this.groups.get(this.groupKey(item))!;
    const user = group.users.get(item.userId)!;
    user.items.splice(user.items.indexOf(item), 1);
    this.retire(group, user);
    this.byId.delete(id);
    return item;
  }

  private dropFront(item: T): boolean {
    const i = this.front.indexOf(item);
    if (i < 0) return false;
    this.front.splice(i, 1);
    this.byId.delete(item.id);
    return true;
  }

  private charge(group: GroupFlow<T>, user: UserFlow<T>): void {
    const turn = ++this.turn;
    this.vtime = group.pass;
    group.vtime = user.pass;
    group.pass += group.stride;
    group.lastServed = turn;
    user.pass += STRIDE;
    user.lastServed = turn;
    this.retire(group, user);
  }

  /**
   * An emptied flow leaves the rotation but its pass is remembered: coming back (often while its last job still
   * runs) it resumes at max(its pass, the virtual time), so it neither jumps the line nor banks idle time. Entries
   * the virtual time has overtaken carry no information and are dropped.
   */
  private retire(group: GroupFlow<T>, user: UserFlow<T>): void {
    if (user.items.length === 0) {
      group.users.delete(user.key);
      group.idleUsers.set(user.key, { pass: user.pass, lastServed: user.lastServed });
    }
    if (group.users.size === 0) {
      this.groups.delete(group.key);
      this.idleGroups.set(group.key, {
        pass: group.pass,
        lastServed: group.lastServed,
        vtime: group.vtime,
        idleUsers: group.idleUsers,
      });
    }
    if (++this.retired % 256 === 0) this.prune();
  }

  private prune(): void {
    for (const [k, g] of this.idleGroups) {
      for (const [u, f] of g.idleUsers) if (f.pass <= g.vtime) g.idleUsers.delete(u);
      if (g.pass <= this.vtime && g.idleUsers.size === 0) this.idleGroups.delete(k);
    }
    for (const g of this.groups.values())
      for (const [u, f] of g.idleUsers) if (f.pass <= g.vtime) g.idleUsers.delete(u);
  }

  /** The whole start order as it stands (on a copy; nothing changes). */
  order(): T[] {
    const copy = this.clone();
    const out: T[] = [];
    for (let item = copy.shift(); item; item = copy.shift()) out.push(item);
    return out;
  }

  private clone(): FairQueue<T> {
    const c = new FairQueue<T>({ guildWeights: this.weights });
    c.vtime = this.vtime;
    c.turn = this.turn;
    c.arrivals = this.arrivals;
    c.front.push(...this.front);
    for (const [gk, g] of this.groups) {
      const users = new Map<string, UserFlow<T>>();
      for (const [uk, u] of g.users) users.set(uk, { ...u, items: [...u.items] });
      c.groups.set(gk, { ...g, users, idleUsers: new Map(g.idleUsers) });
    }
    for (const [gk, g] of this.idleGroups) c.idleGroups.set(gk, { ...g, idleUsers: new Map(g.idleUsers) });
    for (const [id, item] of this.byId) c.byId.set(id, item);
    return c;
  }
}

/** The flow with the smallest pass; ties to the one served longest ago, then to the first arrived. */
function pick<F extends Flow>(flows: Iterable<F>): F | undefined {
  let best: F | undefined;
  for (const f of flows) {
    if (
      !best ||
      f.pass < best.pass ||
      (f.pass === best.pass &&
        (f.lastServed < best.lastServed || (f.lastServed === best.lastServed && f.joined < best.joined)))
    )
      best = f;
  }
  return best;
}
