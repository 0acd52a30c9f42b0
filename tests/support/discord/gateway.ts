// The gateway half of the emulator: HELLO, heartbeats and their ACKs, IDENTIFY -> READY + GUILD_CREATE, RESUME
// with replay of missed dispatches, and the faults a test can provoke (dropped sockets, op 7 RECONNECT, op 9
// INVALID_SESSION, withheld heartbeat ACKs). Sequence numbers belong to the session, so a resumed client gets
// exactly the dispatches it missed. Frames are text JSON only; `compress`/`encoding` query parameters are ignored.
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayGuildCreateDispatchData,
  type GatewayHelloData,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type GatewayResumeData,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from './clock.ts';

export interface GatewayFrame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface FrameRecord {
  dir: 'in' | 'out';
  at: number;
  connection: number;
  frame: GatewayFrame;
}

const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((a, b) => a | b, 0);
const REPLAY_LIMIT = 5000;

export interface GatewaySession {
  readonly id: string;
  readonly intents: number;
  readonly identify: GatewayIdentifyData;
  seq: number;
  log: GatewayFrame[];
  conn: Connection | null;
  resumable: boolean;
}

interface Connection {
  id: number;
  ws: WebSocket;
  session: GatewaySession | null;
}

export interface GatewayHooks {
  token: string;
  heartbeatInterval: number;
  privilegedIntents: number;
  clock: Clock;
  resumeUrl(): string;
  ready(sessionId: string, intents: number): GatewayReadyDispatchData;
  guildCreates(): GatewayGuildCreateDispatchData[];
}

export type GatewayEvent = 'connection' | 'identify' | 'ready' | 'resume' | 'resumed' | 'heartbeat' | 'close';

/** A dispatch payload, or a function that shapes it for the receiving session (intents) or withholds it (null). */
export type DispatchData = unknown | ((session: GatewaySession) => unknown);

export class Gateway {
  readonly identifies: GatewayIdentifyData[] = [];
  readonly resumes: GatewayResumeData[] = [];
  readonly frames: FrameRecord[] = [];
  /** Close codes of every connection that ended, in order, as the server saw them. */
  readonly closes: number[] = [];
  connections = 0;
  heartbeats = 0;
  #withholdAcks = false;
  #current: GatewaySession | null = null;
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #conns = new Set<Connection>();
  readonly #events = new EventEmitter();
  readonly #wss = new WebSocketServer({ noServer: true });

  private readonly hooks: GatewayHooks;
  constructor(hooks: GatewayHooks) {
    this.hooks = hooks;
    this.#events.setMaxListeners(0);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws));
  }

  /** The session dispatches go to: the last one IDENTIFY created. */
  get session(): GatewaySession | null {
    return this.#current;
  }

  /** True while a session is attached to an open socket and has had READY or RESUMED. */
  get connected(): boolean {
    return !!this.#current?.conn && this.#live.has(this.#current.conn);
  }

  readonly #live = new WeakSet<Connection>();

  /**
   * Sends a dispatch to the current session. While the bot is disconnected the dispatch waits in the session's
   * log and is replayed on RESUME, as Discord does. Returns false when no session exists or the session's
   * intents (or the data function) withhold the event.
   */
  dispatch(t: string, data: DispatchData): boolean {
    const session = this.#current;
    if (!session) return false;
    const d = typeof data === 'function' ? (data as (s: GatewaySession) => unknown)(session) : data;
    if (d === null || d === undefined) return false;
    const frame: GatewayFrame = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    session.log.push(frame);
    if (session.log.length > REPLAY_LIMIT) session.log.shift();
    if (session.conn && this.#live.has(session.conn)) this.#send(session.conn, frame);
    return true;
  }

  // --- Test controls -----------------------------------------------------------------------------------------

  /** Closes the bot's socket. Without a code the TCP connection is cut (the client sees 1006) and it RESUMEs. */
  drop(code?: number): void {
    const conn = this.#current?.conn;
    if (!conn) throw new Error('dropGateway: the bot has no open gateway connection');
    if (code === GatewayCloseCodes.InvalidSeq || code === GatewayCloseCodes.SessionTimedOut)
      this.#current!.resumable = false;
    if (code === undefined) conn.ws.terminate();
    else conn.ws.close(code, 'closed by the emulator');
  }

  /** op 7: Discord asks the client to reconnect and resume. */
  sendReconnect(): void {
    const conn = this.#requireConn('sendReconnect');
    this.#send(conn, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** op 9: the session is invalid; with resumable=false the client must IDENTIFY again (events in between are lost). */
  invalidSession(resumable: boolean): void {
    const conn = this.#requireConn('invalidSession');
    if (!resumable && conn.session) conn.session.resumable = false;
    this.#send(conn, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
  }

  /** op 1 from the server: the client must heartbeat at once. */
  requestHeartbeat(): void {
    this.#send(this.#requireConn('requestHeartbeat'), { op: GatewayOpcodes.Heartbeat, d: null, s: null, t: null });
  }

  /** Stops (or resumes) answering heartbeats with op 11, so the client declares the connection a zombie. */
  withholdHeartbeatAcks(on = true): void {
    this.#withholdAcks = on;
  }

  /** Resolves with the next occurrence of a gateway event (identify, ready, resumed, close, ...). */
  async next(event: GatewayEvent, timeoutMs = 5000): Promise<unknown> {
    const [value] = await once(this.#events, event, { signal: AbortSignal.timeout(timeoutMs) }).catch((e: unknown) => {
      throw e instanceof Error && e.name === 'AbortError'
        ? new Error(`gateway: no '${event}' within ${timeoutMs} ms`)
        : e;
    });
    return value;
  }

  /** Resolves once the bot has a live session (READY or RESUMED on an open socket). */
  async waitForReady(timeoutMs = 5000): Promise<void> {
    if (this.connected) return;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      await Promise.race([
        once(this.#events, 'ready', { signal: ac.signal }),
        once(this.#events, 'resumed', { signal: ac.signal }),
      ]);
    } catch {
      throw new Error(`gateway: the bot did not become ready within ${timeoutMs} ms`);
    } finally {
      clearTimeout(timer);
      ac.abort();
    }
  }

  close(): void {
    for (const conn of this.#conns) conn.ws.terminate();
    this.#wss.close();
  }

  // --- Protocol ----------------------------------------------------------------------------------------------

  #requireConn(what: string): Connection {
    const conn = this.#current?.conn;
    if (!conn) throw new Error(`${what}: the bot has no open gateway connection`);
    return conn;
  }

  #onConnection(ws: WebSocket): void {
    const conn: Connection = { id: ++this.connections, ws, session: null };
    this.#conns.add(conn);
    ws.on('message', (raw, isBinary) => this.#onMessage(conn, raw as Buffer, isBinary));
    ws.on('close', (code) => {
      this.#conns.delete(conn);
      this.closes.push(code);
      const session = conn.session;
      if (session && session.conn === conn) {
        session.conn = null;
        // A client that closes with 1000/1001 ends its session; anything else may resume.
        if (code === 1000 || code === 1001) session.resumable = false;
      }
      this.#events.emit('close', { code, connection: conn.id });
    });
    ws.on('error', () => undefined);
    this.#send(conn, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.hooks.heartbeatInterval } satisfies GatewayHelloData,
      s: null,
      t: null,
    });
    this.#events.emit('connection', conn.id);
  }

  #send(conn: Connection, frame: GatewayFrame): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    this.frames.push({ dir: 'out', at: this.hooks.clock.now(), connection: conn.id, frame });
    conn.ws.send(JSON.stringify(frame));
  }

  #onMessage(conn: Connection, raw: Buffer, isBinary: boolean): void {
    let frame: GatewayFrame;
    try {
      if (isBinary) throw new Error('binary');
      frame = JSON.parse(raw.toString('utf8')) as GatewayFrame;
    } catch {
      conn.ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    this.frames.push({ dir: 'in', at: this.hooks.clock.now(), connection: conn.id, frame });
    switch (frame.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats++;
        this.#events.emit('heartbeat', frame.d);
        if (!this.#withholdAcks) this.#send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        return this.#identify(conn, frame.d as GatewayIdentifyData);
      case GatewayOpcodes.Resume:
        return this.#resume(conn, frame.d as GatewayResumeData);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        if (!conn.session) conn.ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      case GatewayOpcodes.RequestGuildMembers:
        if (!conn.session) conn.ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        else this.#membersChunk(frame.d);
        return;
      default:
        conn.ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #identify(conn: Connection, d: GatewayIdentifyData): void {
    if (conn.session) {
      conn.ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    this.identifies.push(d);
    this.#events.emit('identify', d);
    if (d?.token !== this.hooks.token) {
      conn.ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || (intents & ~ALL_INTENTS) !== 0) {
      conn.ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if (intents & PRIVILEGED_INTENTS & ~this.hooks.privilegedIntents) {
      conn.ws.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      identify: d,
      seq: 0,
      log: [],
      conn,
      resumable: true,
    };
    this.#sessions.set(session.id, session);
    this.#current = session;
    conn.session = session;
    this.#live.add(conn);
    this.dispatch(GatewayDispatchEvents.Ready, this.hooks.ready(session.id, intents));
    // GUILD_CREATE belongs to the Guilds intent; discord.js only waits for it when it asked for that intent.
    if (intents & GatewayIntentBits.Guilds) {
      for (const g of this.hooks.guildCreates()) this.dispatch(GatewayDispatchEvents.GuildCreate, g);
    }
    this.#events.emit('ready', session.id);
  }

  #resume(conn: Connection, d: GatewayResumeData): void {
    this.resumes.push(d);
    this.#events.emit('resume', d);
    if (d?.token !== this.hooks.token) {
      conn.ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = this.#sessions.get(d.session_id);
    const oldest = session?.log[0]?.s ?? 1;
    if (!session?.resumable || session !== this.#current || d.seq < oldest - 1 || d.seq > session.seq) {
      this.#send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn)
      session.conn.ws.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere.');
    session.conn = conn;
    conn.session = session;
    this.#live.add(conn);
    for (const frame of session.log) if (frame.s !== null && frame.s > d.seq) this.#send(conn, frame);
    this.dispatch(GatewayDispatchEvents.Resumed, {});
    this.#events.emit('resumed', session.id);
  }

  #membersChunk(d: unknown): void {
    const req = (d ?? {}) as { guild_id?: string | string[]; nonce?: string };
    const guilds = this.hooks.guildCreates();
    const ids = Array.isArray(req.guild_id) ? req.guild_id : [req.guild_id];
    for (const g of guilds.filter((x) => ids.includes(x.id))) {
      this.dispatch(GatewayDispatchEvents.GuildMembersChunk, {
        guild_id: g.id,
        members: g.members,
        chunk_index: 0,
        chunk_count: 1,
        ...(req.nonce ? { nonce: req.nonce } : {}),
      });
    }
  }
}
