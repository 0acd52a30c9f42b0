/**
 * Getting a job's message to Discord, whatever happens in between. Queue events become edits of the job's message:
 * through the interaction's webhook while its token lives (15 minutes), then with the bot's own token on the
 * channel and message ids stored with the job, so a result that finishes hours later, or after a restart, still
 * arrives. If the message was deleted, the result is posted as a new message that mentions its owner.
 *
 * Progress edits are throttled per job (at most one per 1.5 s, and only when the text changed); the final result
 * is never throttled away. Edits of one job are sent one at a time, in order. Images larger than the channel's
 * upload limit are re-encoded (WebP, then JPEG, then smaller) before they are sent.
 */
import { loadSharp } from '../lazy-imports.ts';
import {
  DiscordAPIError,
  InteractionWebhook,
  MessagePayload,
  Routes,
  type Client,
  type Message,
  type MessageEditOptions,
} from 'discord.js';
import type { Job, JobStore, ResultImage } from '../db/jobs.ts';
import { PREVIEW_INTERVAL_MS } from '../diffusion/types.ts';
import { t as translate, type Lang } from '../i18n/index.ts';
import { log as defaultLog, jobLog, type LogLike } from '../log.ts';
import { nextTurn } from '../process/turns.ts';
import type { QueueEvent } from '../queue/types.ts';
import { makeGrid } from './grid.ts';
import { DISPLAY_MIN_SIDE, enlargeForDisplay } from '../upscale/display.ts';
import { playgroundLinkBase } from '../playground/link.ts';
import type { Config } from '../config.ts';
import {
  cancelledView,
  failedView,
  interruptedView,
  langOf,
  loadingView,
  progressView,
  queuedView,
  resultView,
  startedView,
  type JobLike,
  type MessageView,
  type ResultFile,
} from './replies.ts';

/** Discord's per-file upload limit when the interaction did not say otherwise. */
export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;
/** An interaction token's life. */
export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
/** Stop using a token this long before it dies: an edit in flight at the deadline would fail. */
const TOKEN_MARGIN_MS = 30_000;
/** Waits before retrying a final edit that failed for a reason other than the message or token being gone. */
const FINAL_RETRY_DELAYS_MS = [1000, 5000, 20_000, 60_000];

export interface DeliveryOptions {
  client: Client;
  jobs: Pick<JobStore, 'get' | 'setMessage'>;
  /** Epoch ms: decides whether an interaction token still works (a test clock in tests). */
  now(): number;
  /** Least time between two edits of one job's message (default PREVIEW_INTERVAL_MS, 1.5 s: the pipeline makes previews no more often). */
  minEditIntervalMs?: number | undefined;
  /**
   * How long the first status edit waits after the job appears (default 400 ms, at most the edit interval): the
   * "thinking…" of the deferral shows meanwhile, a burst of requests gets all its acknowledgements out before the
   * status edits start, and a job that starts at once skips its "waiting" edit.
   */
  firstEditDelayMs?: number | undefined;
  /** Edits wait for this (the client's login): events from recovery come before the gateway is up. */
  ready?: Promise<void> | undefined;
  /** The application id (for interaction webhooks); the logged-in application's by default. */
  appId?: string | undefined;
  /** How result messages look (resultOptions(config)). */
  result?: ResultOptions | undefined;
  log?: LogLike | undefined;
}

export interface DeliveryStats {
  /** Edits and posts sent, by route. */
  webhookEdits: number;
  botEdits: number;
  posts: number;
  /** Edits skipped because nothing had changed, and views replaced by a newer one before they were sent. */
  unchanged: number;
  superseded: number;
  failures: number;
}

export interface Delivery {
  /** The queue listener: `queue.on('update', delivery.handle)`. */
  handle(jobId: number, event: QueueEvent): void;
  /** Resolves when every pending edit has been sent and no result is being prepared (shutdown, tests). */
  idle(): Promise<void>;
  readonly stats: DeliveryStats;
}

/** A view not yet built: built only when it is about to be sent, so a burst of events costs next to nothing. */
type Render = (job: Job) => MessageView;

interface Tracker {
  jobId: number;
  /** The job as first loaded (its parameters never change; message ids are re-read before each send). */
  job: Job;
  /** The newest view not yet sent, and whether it is the last one this job gets. */
  pending: { render: Render; final: boolean } | null;
  lastKey: string | null;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
  sending: Promise<void> | null;
  /** A final view was queued: later events (a late progress) are ignored. */
  closed: boolean;
  /** The interaction token was refused: use the bot token from now on. */
  tokenDead: boolean;
  /** The message is gone (deleted): progress stops; a result is posted anew. */
  messageGone: boolean;
  /** Work that must finish before the next view is taken (building a result grid). */
  preparing: Promise<void> | null;
  /** Put back in the queue by a restart: the status says so until the result. */
  recovered: { wasRunning: boolean } | undefined;
  /**
   * The newest preview: the pipeline makes one only every so often (PREVIEW_INTERVAL_MS), so the steps in between
   * show it again rather than remove it.
   */
  preview?: Uint8Array | undefined;
}

export function createDelivery(opts: DeliveryOptions): Delivery {
  const { client, jobs, now } = opts;
  const log = opts.log ?? defaultLog;
  const interval = opts.minEditIntervalMs ?? PREVIEW_INTERVAL_MS;
  const firstDelay = Math.min(interval, opts.firstEditDelayMs ?? 400);
  const trackers = new Map<number, Tracker>();
  const stats: DeliveryStats = { webhookEdits: 0, botEdits: 0, posts: 0, unchanged: 0, superseded: 0, failures: 0 };
  const idleWaiters = new Set<() => void>();

  function tracker(jobId: number): Tracker | undefined {
    let t = trackers.get(jobId);
    if (!t) {
      const job = jobs.get(jobId);
      // A job with no place in Discord (the browser playground's) is rendered by its own front end.
      if (!job || (!job.interactionToken && !job.messageId && !job.channelId)) return undefined;
      t = {
        jobId,
        job,
        pending: null,
        lastKey: null,
        lastSentAt: Date.now() - interval + firstDelay,
        timer: null,
        sending: null,
        closed: false,
        tokenDead: false,
        messageGone: false,
        preparing: null,
        recovered: undefined,
      };
      trackers.set(jobId, t);
    }
    return t;
  }

  /** Something still to send for this job (a job that just waits for its turn, with its status shown, is not). */
  const busy = (t: Tracker) => !!(t.pending || t.sending || t.preparing);

  function checkIdle(): void {
    if (idleWaiters.size === 0) return;
    for (const t of trackers.values()) if (busy(t)) return;
    for (const w of idleWaiters) w();
    idleWaiters.clear();
  }

  function offer(t: Tracker, render: Render, final: boolean): void {
    if (t.closed) return;
    if (final) t.closed = true;
    if (t.pending) stats.superseded++;
    t.pending = { render, final };
    pump(t);
  }

  function pump(t: Tracker): void {
    if (t.sending || !t.pending) {
      if (!t.sending && !t.pending && t.closed && !t.preparing) finishTracker(t);
      return;
    }
    const wait = t.pending.final ? 0 : t.lastSentAt + interval - Date.now();
    if (wait > 0) {
      t.timer ??= setTimeout(() => {
        t.timer = null;
        pump(t);
      }, wait);
      return;
    }
    if (t.timer) {
      clearTimeout(t.timer);
      t.timer = null;
    }
    // Edits come in bursts (a crowd's first status edits are due together): each is built and sent on its own turn
    // of the event loop, so a hundred of them never hold the gateway thread at once.
    const { render, final } = t.pending;
    t.pending = null;
    t.sending = nextTurn()
      .then(() => sendView(t, render, final))
      .finally(() => {
        t.sending = null;
        pump(t);
        checkIdle();
      });
  }

  /** Builds the view and sends it, unless it shows what the message already shows. */
  async function sendView(t: Tracker, render: Render, final: boolean): Promise<void> {
    const view = render(t.job);
    const key = viewKey(view);
    if (key === t.lastKey && !final) {
      stats.unchanged++;
      return;
    }
    try {
      await send(t, view, final);
      t.lastKey = key;
    } catch (err) {
      stats.failures++;
      jobLog(log, t.job).warn('could not update a job message', { final, err: describeError(err) });
    } finally {
      t.lastSentAt = Date.now();
    }
  }

  function finishTracker(t: Tracker): void {
    if (t.timer) clearTimeout(t.timer);
    trackers.delete(t.jobId);
    checkIdle();
  }

  async function send(t: Tracker, view: MessageView, final: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await sendOnce(t, view, final);
        return;
      } catch (err) {
        const delay = FINAL_RETRY_DELAYS_MS[attempt];
        if (!final || delay === undefined || isPermanent(err)) throw err;
        jobLog(log, t.job).warn('could not deliver a result; retrying', { inMs: delay, err: describeError(err) });
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  async function sendOnce(t: Tracker, view: MessageView, final: boolean): Promise<void> {
    await opts.ready;
    const job = jobs.get(t.jobId);
    if (!job || job.deleted) return;
    const options = toEditOptions(view);
    if (!t.tokenDead && !t.messageGone && tokenUsable(job, now())) {
      try {
        const appId = opts.appId ?? client.application?.id ?? client.user!.id;
        const webhook = new InteractionWebhook(client as Client<true>, appId, job.interactionToken!);
        // What webhook.editMessage sends, without the discord.js Message it builds from the answer: a status edit
        // needs only the message's id, and building a Message for each edit is most of what an edit costs here.
        const { body, files } = await MessagePayload.create(webhook, options).resolveBody().resolveFiles();
        const message = (await client.rest.patch(
          Routes.webhookMessage(appId, job.interactionToken!, job.messageId ?? '@original'),
          { body, files: files ?? [], auth: false },
        )) as { id: string; channel_id: string };
        stats.webhookEdits++;
        remember(job, { id: message.id, channelId: message.channel_id });
        return;
      } catch (err) {
        if (isMessageGone(err)) t.messageGone = true;
        else if (isTokenDead(err)) t.tokenDead = true;
        else throw err;
        jobLog(log, job).info('interaction token no longer usable for a job; using the bot token', {
          code: codeOf(err),
        });
      }
    }
    if (!t.messageGone && job.messageId && job.channelId) {
      try {
        const channel = await textChannel(job.channelId);
        await channel.messages.edit(job.messageId, options);
        stats.botEdits++;
        return;
      } catch (err) {
        if (!isMessageGone(err)) throw err;
        t.messageGone = true;
      }
    }
    if (!final) return; // nowhere to show progress: the result will be posted
    if (!job.channelId) throw new Error(`job ${job.id} has no channel to post its result in`);
    const channel = await textChannel(job.channelId);
    const message = await channel.send({
      // The headline already names the owner; say it once, first, so that the one allowed ping is theirs.
      content: (view.content.includes(`<@${job.userId}>`) ? view.content : `<@${job.userId}> ${view.content}`).slice(
        0,
        2000,
      ),
      embeds: view.embeds,
      components: view.components,
      files: view.files,
      allowedMentions: { parse: [], users: [job.userId] },
      // One post per job however often this runs (a retry, a bot restart before setMessage committed): Discord
      // answers a repeated nonce with the first message instead of posting again.
      nonce: `atelier-job-${job.id}`,
      enforceNonce: true,
    });
    stats.posts++;
    jobs.setMessage(job.id, message.id, message.channelId);
  }

  function remember(job: Job, message: Pick<Message, 'id' | 'channelId'>): void {
    if (job.messageId !== message.id) jobs.setMessage(job.id, message.id, message.channelId);
  }

  async function textChannel(channelId: string) {
    const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId));
    if (!channel?.isTextBased() || !('send' in channel)) throw new Error(`channel ${channelId} is not a text channel`);
    return channel;
  }

  function handle(jobId: number, event: QueueEvent): void {
    const t = tracker(jobId);
    if (!t || t.closed) return;
    switch (event.type) {
      case 'queued':
      case 'position': {
        const at = now();
        const recovered = t.recovered;
        const { position, etaMs, noWorker } = event;
        offer(t, (job) => queuedView(job, { position, etaMs, now: at, recovered, noWorker }), false);
        break;
      }
      case 'recovered': {
        const at = now();
        const recovered = (t.recovered = { wasRunning: event.wasRunning || !!t.recovered?.wasRunning });
        const { position, etaMs, noWorker } = event;
        offer(t, (job) => queuedView(job, { position, etaMs, now: at, recovered, noWorker }), false);
        break;
      }
      case 'started': {
        const recovered = t.recovered;
        t.preview = undefined;
        offer(t, (job) => startedView(job, { recovered }), false);
        break;
      }
      case 'loading': {
        const recovered = t.recovered;
        offer(t, (job) => loadingView(job, { model: event.model, recovered }), false);
        break;
      }
      case 'progress': {
        const recovered = t.recovered;
        const preview = (t.preview = event.preview ?? t.preview);
        if (!t.messageGone) offer(t, (job) => progressView(job, { ...event, preview, recovered }), false);
        break;
      }
      case 'interrupted':
        offer(t, interruptedView, false);
        break;
      case 'failed':
        // Everyone sees the failure: in the server's language when the queue said it in every language.
        offer(t, (job) => failedView(job, event.localized ? event.localized(langOf(job)) : event.error), true);
        break;
      case 'cancelled':
        offer(t, (job) => cancelledView(job, event), true);
        break;
      case 'done': {
        // Building the grid takes a moment; nothing else may be sent for this job meanwhile.
        t.closed = true;
        const job = t.job;
        t.preparing = renderResult(job, event.images, opts.result)
          .then((view) => {
            t.closed = false;
            offer(t, () => view, true);
          })
          .catch((err: unknown) => {
            t.closed = false;
            jobLog(log, job).error('could not build a result message', { err });
            offer(t, (j) => failedView(j, translate(langOf(j), 'job.prepareFailed')), true);
          })
          .finally(() => {
            t.preparing = null;
          });
        break;
      }
    }
  }

  return {
    handle,
    stats,
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.add(resolve);
        checkIdle();
      });
    },
  };
}

/** Whether the interaction token may still be used for this job (with a margin before it dies). */
export function tokenUsable(job: Pick<Job, 'interactionToken' | 'tokenExpiresAt'>, now: number): boolean {
  return !!job.interactionToken && job.tokenExpiresAt !== null && now < job.tokenExpiresAt - TOKEN_MARGIN_MS;
}

/** A view as discord.js edit options; an empty file list removes earlier attachments (the preview). */
export function toEditOptions(view: MessageView): MessageEditOptions {
  return {
    content: view.content,
    embeds: view.embeds,
    components: view.components,
    files: view.files,
    attachments: [],
    allowedMentions: view.allowedMentions,
  };
}

/** What makes two views the same for the "only on change" rule: text and buttons, not preview bytes. */
function viewKey(view: MessageView): string {
  return JSON.stringify([
    view.content,
    view.embeds,
    view.components.map((c) => c.toJSON()),
    view.files.map((f) => f.name),
  ]);
}

/** What result messages depend on besides the job: the display size, and the playground's painter when it is on. */
export interface ResultOptions {
  /** Results whose shorter side is under this are posted enlarged (DISPLAY_MIN_SIDE, default 512; 0: as painted). */
  displayMinSide?: number | undefined;
  /** The playground's address: single images get a link to paint their region there (src/playground/link.ts). */
  playgroundUrl?: string | undefined;
}

/** The result options the configuration asks for. */
export function resultOptions(config: Pick<Config, 'displayMinSide' | 'playground'>): ResultOptions {
  return { displayMinSide: config.displayMinSide, playgroundUrl: playgroundLinkBase(config) };
}

/**
 * The result message for a finished job: grid (or single image) fitted to the upload limit, and its buttons. A small
 * result is posted enlarged (src/upscale/display.ts: the upscaler's display copies when the inference process made
 * them, then Lanczos to the display size), unless the enlarged PNG would not fit the upload limit: then the model's
 * own pixels are fitted.
 */
export async function renderResult(
  job: JobLike,
  images: readonly ResultImage[],
  opts: ResultOptions = {},
): Promise<MessageView> {
  if (images.length === 0) throw new Error(`job ${job.id} finished without images`);
  // Upscaled display copies (when the inference process made them) are what is shown; the model's pixels are kept.
  const hasDisplay = images.every((i) => i.display);
  const shownGrid = await makeGrid(hasDisplay ? images.map((i) => i.display!) : images);
  const limit = job.params.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_LIMIT;
  const base = images.length > 1 ? `atelier-${job.id}-grid` : `atelier-${job.id}`;
  const lang = langOf(job);
  const shown = await enlargeForDisplay(shownGrid, opts.displayMinSide ?? DISPLAY_MIN_SIDE);
  // The model's own grid is built only when it is what gets fitted (no display copy, or it would not fit).
  const file =
    (shown.factor > 1 || hasDisplay) && shown.png.length <= limit
      ? { data: shown.png, name: `${base}.png` }
      : await fitFile(hasDisplay ? await makeGrid(images) : shownGrid, limit, base, lang);
  const description = `${job.params.prompt}`.slice(0, 1000) || translate(lang, 'job.imageDescription');
  return resultView(job, {
    file: { ...file, description },
    imageCount: images.length,
    note: 'note' in file ? file.note : undefined,
    playgroundUrl: opts.playgroundUrl,
  });
}

/**
 * The image as it will be uploaded: the PNG when it fits `limit`, else WebP, then JPEG, then smaller sizes
 * (parameters survive only in the PNG; the note says so).
 */
export async function fitFile(
  png: Buffer,
  limit: number,
  baseName: string,
  lang: Lang = 'en-US',
): Promise<ResultFile & { note?: string | undefined }> {
  if (png.length <= limit) return { data: png, name: `${baseName}.png` };
  const sharp = await loadSharp();
  const webp = await sharp(png).webp({ quality: 92 }).toBuffer();
  if (webp.length <= limit) return { data: webp, name: `${baseName}.webp`, note: translate(lang, 'job.reencodedWebp') };
  for (const scale of [1, 0.75, 0.5, 0.35, 0.25]) {
    let pipeline = sharp(png);
    if (scale < 1) {
      const meta = await sharp(png).metadata();
      pipeline = pipeline.resize(Math.max(8, Math.round((meta.width ?? 8) * scale)));
    }
    const jpeg = await pipeline.jpeg({ quality: scale < 1 ? 85 : 90, mozjpeg: true }).toBuffer();
    if (jpeg.length <= limit) {
      const note =
        scale < 1
          ? translate(lang, 'job.reencodedJpegSmaller', {
              percent: new Intl.NumberFormat(lang, { style: 'percent' }).format(scale),
            })
          : translate(lang, 'job.reencodedJpeg');
      return { data: jpeg, name: `${baseName}.jpg`, note };
    }
  }
  throw new Error(`the result image cannot be made smaller than the ${limit}-byte upload limit`);
}

function codeOf(err: unknown): number | string | undefined {
  return err instanceof DiscordAPIError ? err.code : undefined;
}

/** The message was deleted (or its channel is gone): there is nothing to edit. */
function isMessageGone(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === 10008;
}

/** The interaction token is dead or unknown: switch to the bot token. */
function isTokenDead(err: unknown): boolean {
  return (
    err instanceof DiscordAPIError &&
    (err.code === 50027 || err.code === 10015 || err.code === 10062 || err.status === 401)
  );
}

/** Errors that no retry fixes (missing access, bad request). */
function isPermanent(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.status >= 400 && err.status < 500 && err.status !== 429;
}

function describeError(err: unknown): string {
  if (err instanceof DiscordAPIError) return `${err.status} ${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
