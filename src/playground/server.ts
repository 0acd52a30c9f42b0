/**
 * The playground's HTTP server, in the bot's own process: the static page (web/playground/, plain HTML, CSS and ES
 * modules, no build step), a small JSON API over src/playground/actions.ts, job images from the image store, and the
 * queue's events as Server-Sent Events. Loopback only unless the owner configured a host and an access token.
 *
 *   GET  /                         the page
 *   GET  /api/state                model, user, history (newest first; ?before=<id> pages back, ?limit=0: none)
 *   GET  /api/events               Server-Sent Events: `job` (a JobView) and `progress` (with a preview image)
 *   GET  /api/jobs/:id/images/:i   one result image (PNG, with its `parameters` chunk)
 *   POST /api/imagine              { text } or a dropped picture (image/*, text in ?text=)  -> JobView (+ more: JobView[])
 *   POST /api/buttons/:customId    the same custom_id the Discord button carries        -> outcome
 *   POST /api/jobs/:id/region      a painted mask (PNG body), ?text=<prompt>&index=<image>  -> JobView
 *   GET  /api/paint/:id/:i         the image a Discord link opens in the painter (`#paint=id:i`): size, prompt, URL
 *   GET  /api/paint/:id/:i/image   that image (PNG)
 *   POST /api/inspect              a dropped picture: its PNG `parameters`, parsed
 *
 * Errors: a UserError is { error } with status 400 (shown in the page's alert); anything else is logged with an id.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { isLoopback } from '../config.ts';
import type { Job } from '../db/jobs.ts';
import { imageBytes } from '../discord/buttons.ts';
import type { AppContext } from '../discord/context.ts';
import { isLoaded } from '../diffusion/model-files.ts';
import { parseParameters, readPngParameters } from '../diffusion/png.ts';
import { isUserError, UserError } from '../errors.ts';
import { log } from '../log.ts';
import { repoRoot } from '../paths.ts';
import type { QueueEvent } from '../queue/types.ts';
import {
  applyPlaygroundQuota,
  history,
  imagine,
  PLAYGROUND_USER_ID,
  playgroundJob,
  paintSource,
  pressButton,
  regionEdit,
} from './actions.ts';
import { jobView, type JobView, type LiveState } from './views.ts';

export const webDir = join(repoRoot, 'web/playground');

export interface PlaygroundOptions {
  ctx: AppContext;
  port: number;
  host: string;
  /** Required on every request when set (Authorization: Bearer, or ?token= once, which sets a cookie). */
  accessToken?: string | undefined;
}

export interface Playground {
  /** http://host:port/ (with the token when one is set). */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 25 * 1024 * 1024;
const HISTORY_PAGE = 20;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  const { ctx } = opts;
  applyPlaygroundQuota(ctx);

  // --- live state of unfinished playground jobs, and the open event streams
  const live = new Map<number, LiveState>();
  const mine = new Map<number, boolean>();
  const streams = new Set<ServerResponse>();
  const isMine = (jobId: number): boolean => {
    let m = mine.get(jobId);
    if (m === undefined) {
      m = ctx.stores.jobs.get(jobId)?.userId === PLAYGROUND_USER_ID;
      if (mine.size > 10_000) mine.clear();
      mine.set(jobId, m);
    }
    return m;
  };
  const imageUrl = (jobId: number, index: number) => `/api/jobs/${jobId}/images/${index}`;
  const viewOf = (job: Job): JobView =>
    jobView(job, {
      images:
        job.state === 'done'
          ? ctx.stores.jobs.images(job.id).map(({ idx, seed, width, height }) => ({ idx, seed, width, height }))
          : [],
      live: liveOf(job),
      now: ctx.now(),
      imageUrl,
    });
  const liveOf = (job: Job): LiveState | undefined => {
    const state = live.get(job.id);
    if (job.state === 'queued' && state?.type !== 'interrupted') {
      const q = ctx.queue.position(job.id);
      if (q)
        return {
          type: 'queued',
          position: q.position,
          etaMs: q.etaMs,
          recovered: state && 'recovered' in state ? state.recovered : undefined,
          noWorker: q.noWorker,
        };
    }
    return state;
  };
  const send = (event: string, data: unknown) => {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(text);
  };

  const onUpdate = (jobId: number, e: QueueEvent) => {
    if (!isMine(jobId)) return;
    const before = live.get(jobId);
    const recovered = before && 'recovered' in before ? before.recovered : undefined;
    switch (e.type) {
      case 'queued':
      case 'position':
        live.set(jobId, { type: 'queued', position: e.position, etaMs: e.etaMs, recovered, noWorker: e.noWorker });
        break;
      case 'recovered':
        live.set(jobId, {
          type: 'queued',
          position: e.position,
          etaMs: e.etaMs,
          recovered: { wasRunning: e.wasRunning },
          noWorker: e.noWorker,
        });
        break;
      case 'started':
        live.set(jobId, { type: 'started', recovered });
        break;
      case 'progress':
        live.set(jobId, { type: 'progress', step: e.step, totalSteps: e.totalSteps, recovered });
        break;
      case 'interrupted':
        live.set(jobId, { type: 'interrupted' });
        break;
      case 'loading':
        break; // still starting: its model loads first

      default:
        live.delete(jobId);
    }
    if (streams.size === 0) return;
    const job = ctx.stores.jobs.get(jobId);
    if (!job) return;
    const view = viewOf(job);
    if (e.type === 'progress' && e.preview?.byteLength) {
      send('job', { ...view, preview: `data:image/png;base64,${Buffer.from(e.preview).toString('base64')}` });
    } else {
      send('job', view);
    }
  };
  const unsubscribe = ctx.queue.on('update', onUpdate);

  // --- requests
  const token = opts.accessToken;
  const authorized = (req: IncomingMessage, url: URL): 'ok' | 'set-cookie' | 'no' => {
    if (!token) return 'ok';
    const given = bearer(req) ?? cookie(req, 'atelier_playground') ?? undefined;
    if (given !== undefined && same(given, token)) return 'ok';
    const query = url.searchParams.get('token');
    return query !== null && same(query, token) ? 'set-cookie' : 'no';
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/api/state') {
      const before = Number(url.searchParams.get('before') ?? '') || undefined;
      const asked = Number(url.searchParams.get('limit') ?? HISTORY_PAGE);
      const limit = Number.isSafeInteger(asked) ? Math.max(0, Math.min(HISTORY_PAGE, asked)) : HISTORY_PAGE;
      const jobs = limit ? history(ctx, { limit, beforeId: before }) : [];
      // Before the inference process has loaded it, the bot knows the model from its files only (describeModelFiles:
      // provider 'not loaded'); the page says it is loading until then (jobs sent meanwhile wait in the queue).
      const info = ctx.modelInfo();
      const model = isLoaded(info) ? info : undefined;
      return json(res, 200, {
        user: PLAYGROUND_USER_ID,
        model: model ? { name: model.name, family: model.family, executionProvider: model.executionProvider } : null,
        jobs: jobs.map(viewOf),
        more: limit > 0 && jobs.length === limit,
      });
    }
    if (method === 'GET' && path === '/api/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write('retry: 1000\n\n');
      streams.add(res);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(res);
      });
      return;
    }
    let m = /^\/api\/jobs\/(\d{1,15})\/images\/(\d{1,2})$/.exec(path);
    if (method === 'GET' && m) {
      const job = playgroundJob(ctx, Number(m[1]));
      const image = await ctx.stores.jobs.loadImage(job.id, Number(m[2]));
      if (!image) return json(res, 404, { error: 'That image is no longer stored.' });
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': image.png.byteLength,
        'cache-control': 'private, max-age=31536000, immutable',
      });
      res.end(image.png);
      return;
    }
    if (method === 'POST' && path === '/api/imagine') {
      const type = req.headers['content-type'] ?? '';
      const body = await readBody(req);
      const [job, ...more] = type.startsWith('image/')
        ? await imagine(ctx, { text: url.searchParams.get('text') ?? '', image: body })
        : await imagine(ctx, { text: textField(body) });
      // Permutations and --repeat: the first job, and the others under `more`.
      return json(res, 200, { ...viewOf(job!), ...(more.length && { more: more.map(viewOf) }) });
    }
    m = /^\/api\/paint\/(\d{1,15})\/(\d{1,2})(\/image)?$/.exec(path);
    if (method === 'GET' && m) {
      const { job, image } = paintSource(ctx, Number(m[1]), Number(m[2]));
      if (m[3]) {
        const { png } = await imageBytes(ctx, job, image);
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-length': png.byteLength,
          'cache-control': 'private',
        });
        res.end(png);
        return;
      }
      return json(res, 200, {
        jobId: job.id,
        index: image.idx,
        width: image.width,
        height: image.height,
        prompt: job.params.prompt,
        imageUrl: `/api/paint/${job.id}/${image.idx}/image`,
      });
    }
    m = /^\/api\/jobs\/(\d{1,15})\/region$/.exec(path);
    if (method === 'POST' && m) {
      const mask = await readBody(req);
      const job = await regionEdit(ctx, {
        jobId: Number(m[1]),
        index: Number(url.searchParams.get('index') ?? '0') || 0,
        mask,
        text: url.searchParams.get('text') ?? '',
      });
      return json(res, 200, viewOf(job));
    }
    m = /^\/api\/buttons\/([^/]{1,40})$/.exec(path);
    if (method === 'POST' && m) {
      await readBody(req);
      const outcome = pressButton(ctx, decodeURIComponent(m[1]!));
      if (outcome.type === 'job') return json(res, 200, { type: 'job', job: viewOf(outcome.job) });
      if (outcome.type === 'cancelled')
        return json(res, 200, { type: 'job', job: viewOf(ctx.stores.jobs.get(outcome.jobId)!) });
      return json(res, 200, outcome);
    }
    if (method === 'POST' && path === '/api/inspect') {
      const body = await readBody(req);
      const text = readPngParameters(body);
      if (!text)
        throw new UserError(
          'That picture carries no generation parameters (only PNGs from Atelier or Stable Diffusion tools do).',
          'no-parameters',
        );
      let parsed: ReturnType<typeof parseParameters> | null = null;
      try {
        parsed = parseParameters(text);
      } catch {
        parsed = null;
      }
      return json(res, 200, { text, parsed });
    }
    if (method === 'GET' && !path.startsWith('/api/')) return serveStatic(res, path);
    return json(res, 404, { error: 'Not found.' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://playground.invalid');
    // Without a token only this machine may use the page, and only under a loopback name: a web page elsewhere that
    // points its own host name at 127.0.0.1 (DNS rebinding) must not read the history or start jobs.
    if (!token && !loopbackHost(req.headers.host)) {
      json(res, 403, { error: 'Open the playground at its loopback address (http://127.0.0.1:<port>/).' });
      return;
    }
    const auth = authorized(req, url);
    if (auth === 'no') {
      json(res, 401, {
        error: 'This playground needs its access token: open the link printed at start-up (…/?token=…).',
      });
      return;
    }
    if (auth === 'set-cookie') {
      res.setHeader(
        'set-cookie',
        `atelier_playground=${encodeURIComponent(token!)}; HttpOnly; SameSite=Strict; Path=/`,
      );
    }
    // The page only talks to its own origin; a cross-site form post must not start jobs.
    if (req.method === 'POST' && !sameOrigin(req)) {
      json(res, 403, { error: 'Cross-site requests are refused.' });
      return;
    }
    route(req, res, url).catch((err: unknown) => {
      if (isUserError(err)) {
        json(res, 400, { error: err.message, code: err.code });
        return;
      }
      const errorId = randomUUID().slice(0, 8);
      log.error('playground request failed', { err, errorId, path: url.pathname });
      json(res, 500, { error: `Something went wrong on my side (error ${errorId}). Please try again.`, errorId });
    });
  });
  server.listen(opts.port, opts.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;

  return {
    url,
    server,
    async close() {
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

async function serveStatic(res: ServerResponse, path: string): Promise<void> {
  const rel = normalize(path === '/' ? 'index.html' : decodeURIComponent(path).replace(/^\/+/, ''));
  if (rel.startsWith('..') || rel.includes('\0')) return json(res, 404, { error: 'Not found.' });
  const type = types[extname(rel)];
  if (!type) return json(res, 404, { error: 'Not found.' });
  let body: Buffer;
  try {
    body = await readFile(join(webDir, rel));
  } catch {
    return json(res, 404, { error: 'Not found.' });
  }
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'",
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MAX_BODY) throw new UserError('That is too large: send at most 25 MB.', 'upload-size');
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function textField(body: Uint8Array): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new UserError('The request was not understood. Reload the page.', 'bad-request');
  }
  const text = (parsed as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') throw new UserError('The request was not understood. Reload the page.', 'bad-request');
  return text;
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "127.0.0.1:7860", "localhost:7860", "[::1]:7860". */
function loopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopback(name);
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return req.headers['sec-fetch-site'] === undefined || req.headers['sec-fetch-site'] === 'same-origin';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
