/**
 * A small client for the parts of the Hugging Face hub API that a model download needs:
 *
 *   GET {hub}/api/models/{repo}/revision/{rev}?blobs=true   -> { sha, siblings: [{ rfilename, size, blobId, lfs }] }
 *   GET {hub}/api/models/{repo}/tree/{sha}?recursive=true   -> [{ type, path, size, oid, lfs: { oid, size } }],
 *                                                              paginated with a `Link: <...>; rel="next"` header
 *   GET {hub}/{repo}/resolve/{sha}/{path}                    -> the bytes; LFS files answer 302 to a CDN host
 *
 * Shapes as huggingface_hub's hf_api.py reads them: a sibling's `lfs.sha256` and a tree entry's `lfs.oid` are the
 * sha256 of the content; `blobId`/`oid` of a non-LFS file is its git blob sha1. The bearer token goes to the hub's
 * own origin only, never to the host a download is redirected to (a signed CDN URL needs none, and must not see it).
 */
import { CancelledError, UserError } from '../errors.ts';

export interface HubFile {
  path: string;
  /** Size in bytes, when the hub said. */
  size: number | undefined;
  /** sha256 of the content (from the LFS pointer), when the file is stored in LFS/Xet. */
  sha256: string | undefined;
  /** git blob sha1 (`sha1("blob <size>\0" + content)`), for files stored in git itself. */
  gitBlobSha1: string | undefined;
}

export interface ResolvedRevision {
  repo: string;
  /** The revision asked for (a branch, tag or sha). */
  revision: string;
  /** The commit it resolved to; files are fetched at this commit so that they all match. */
  sha: string;
  files: Map<string, HubFile>;
}

export interface HubClientOptions {
  /** Hub base URL without a trailing slash, e.g. https://huggingface.co (config.models.hubUrl). */
  hubUrl: string;
  /** Bearer token for gated or private repos (config.models.hubToken). */
  token?: string | undefined;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Timeout for API calls (not for file bodies, which the downloader watches itself). */
  apiTimeoutMs?: number;
}

export interface OpenFileOptions {
  /** Ask for the bytes from this offset on (`Range: bytes=N-`). */
  rangeStart?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface HubClient {
  readonly hubUrl: string;
  readonly hasToken: boolean;
  resolveRevision(repo: string, revision: string, signal?: AbortSignal): Promise<ResolvedRevision>;
  fileUrl(repo: string, sha: string, path: string): string;
  /**
   * GETs a file at a commit, following redirects (to other hosts too). Returns the final response whatever its
   * status, so the caller can tell 200 from 206 and 416; throws a UserError only when the hub cannot be reached.
   */
  openFile(repo: string, sha: string, path: string, options?: OpenFileOptions): Promise<Response>;
}

const userAgent = 'atelier-model-downloader/0.1 (+https://github.com/)';
const maxRedirects = 10;

export function createHubClient(options: HubClientOptions): HubClient {
  const hubUrl = options.hubUrl.replace(/\/+$/, '');
  const hubOrigin = new URL(hubUrl).origin;
  const doFetch = options.fetch ?? fetch;
  const token = options.token;
  const apiTimeoutMs = options.apiTimeoutMs ?? 30_000;

  function headersFor(url: URL, extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': userAgent, ...extra };
    if (token && url.origin === hubOrigin) h.authorization = `Bearer ${token}`;
    return h;
  }

  async function send(url: URL, init: { headers: Record<string, string>; signal: AbortSignal | undefined }) {
    try {
      return await doFetch(url, { headers: init.headers, redirect: 'manual', signal: init.signal ?? null });
    } catch (err) {
      if (init.signal?.aborted) throw abortReason(init.signal);
      throw unreachable(url, err);
    }
  }

  function unreachable(url: URL, err: unknown): UserError {
    const cause = describeNetworkError(err);
    const onHub = url.origin === hubOrigin;
    return new UserError(
      `Could not reach ${onHub ? 'the model hub' : 'the download host'} at ${url.origin} (${cause}) ` +
        `while fetching ${url.href}. Check the network connection` +
        (onHub
          ? ', or set HF_HUB_URL to a reachable hub or mirror (and HF_TOKEN if it needs one).'
          : ', then run the command again to resume.'),
      'hub-unreachable',
      { cause: err },
    );
  }

  async function getJson(
    url: URL,
    what: string,
    repo: string,
    signal?: AbortSignal,
  ): Promise<{ body: unknown; res: Response }> {
    const timeout = AbortSignal.timeout(apiTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await send(url, { headers: headersFor(url, { accept: 'application/json' }), signal: combined });
      // API answers are not redirected on the real hub except for renamed repos (same origin); follow those.
      for (let i = 0; isRedirect(res.status) && i < maxRedirects; i++) {
        const next = new URL(res.headers.get('location') ?? '', url);
        await res.body?.cancel();
        url = next;
        res = await send(url, { headers: headersFor(url, { accept: 'application/json' }), signal: combined });
      }
    } catch (err) {
      if (timeout.aborted && !signal?.aborted) {
        throw new UserError(
          `The model hub at ${hubOrigin} did not answer within ${apiTimeoutMs / 1000} s (${url.href}). Try again later, or set HF_HUB_URL to a mirror.`,
          'hub-unreachable',
        );
      }
      throw err;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw hubHttpError(res.status, { what, repo, url: url.href, hubUrl, hasToken: Boolean(token) });
    }
    try {
      return { body: await res.json(), res };
    } catch (err) {
      throw new UserError(
        `The model hub at ${hubOrigin} sent an answer that is not JSON for ${url.href}. Is HF_HUB_URL a Hugging Face hub?`,
        'hub-bad-answer',
        { cause: err },
      );
    }
  }

  async function listTree(repo: string, sha: string, signal?: AbortSignal): Promise<HubFile[]> {
    const out: HubFile[] = [];
    let url: URL | undefined = new URL(`${hubUrl}/api/models/${repo}/tree/${encodeURIComponent(sha)}?recursive=true`);
    for (let page = 0; url && page < 1000; page++) {
      const { body, res } = await getJson(url, `the file list of ${repo}`, repo, signal);
      if (!Array.isArray(body)) throw badAnswer(url.href, 'expected a JSON array');
      for (const entry of body) {
        const file = parseTreeEntry(entry);
        if (file) out.push(file);
      }
      const next = nextLink(res.headers.get('link'));
      url = next ? new URL(next, url) : undefined;
    }
    return out;
  }

  return {
    hubUrl,
    hasToken: Boolean(token),

    async resolveRevision(repo, revision, signal) {
      const url = new URL(`${hubUrl}/api/models/${repo}/revision/${encodeURIComponent(revision)}?blobs=true`);
      const { body } = await getJson(url, `revision ${revision} of ${repo}`, repo, signal);
      if (!isRecord(body) || typeof body.sha !== 'string' || !/^[0-9a-f]{40}$/.test(body.sha)) {
        throw badAnswer(url.href, 'no commit sha in the answer');
      }
      const sha = body.sha;
      const files = new Map<string, HubFile>();
      for (const sibling of Array.isArray(body.siblings) ? body.siblings : []) {
        const file = parseSibling(sibling);
        if (file) files.set(file.path, file);
      }
      // Older mirrors list siblings without sizes; the tree endpoint has them.
      if (files.size === 0 || [...files.values()].some((f) => f.size === undefined)) {
        for (const file of await listTree(repo, sha, signal)) files.set(file.path, file);
      }
      return { repo, revision, sha, files };
    },

    fileUrl(repo, sha, path) {
      return `${hubUrl}/${repo}/resolve/${encodeURIComponent(sha)}/${path.split('/').map(encodeURIComponent).join('/')}`;
    },

    async openFile(repo, sha, path, opts = {}) {
      let url = new URL(this.fileUrl(repo, sha, path));
      // identity: byte ranges and sizes must refer to the file itself, not a compressed rendering of it.
      const extra: Record<string, string> = { 'accept-encoding': 'identity' };
      if (opts.rangeStart !== undefined && opts.rangeStart > 0) extra.range = `bytes=${opts.rangeStart}-`;
      for (let hops = 0; ; hops++) {
        const res = await send(url, { headers: headersFor(url, extra), signal: opts.signal });
        if (!isRedirect(res.status)) return res;
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw badAnswer(url.href, `HTTP ${res.status} without a Location header`);
        if (hops >= maxRedirects) throw badAnswer(url.href, `more than ${maxRedirects} redirects`);
        url = new URL(location, url);
      }
    },
  };
}

/** The UserError for a hub answer that is not 2xx. */
export function hubHttpError(
  status: number,
  ctx: { what: string; repo: string; url: string; hubUrl: string; hasToken: boolean },
): UserError {
  const page = `${ctx.hubUrl}/${ctx.repo}`;
  if (status === 401 || status === 403) {
    const tokenAdvice = ctx.hasToken
      ? 'The token in HF_TOKEN was refused or has no access to it: check that it is valid and that its account has accepted the licence'
      : 'Create a read token at https://huggingface.co/settings/tokens and set HF_TOKEN in .env';
    return new UserError(
      `The hub refused access to ${ctx.what} (HTTP ${status}, ${ctx.url}). The repository is gated or private. ` +
        `${tokenAdvice}; accept the model's licence on ${page} while logged in; then run the command again.`,
      'hub-forbidden',
    );
  }
  if (status === 404) {
    return new UserError(
      `The hub has no ${ctx.what} (HTTP 404, ${ctx.url}). The repository, revision or file may have been renamed or ` +
        `removed; see ${page}. If HF_HUB_URL points at a mirror, it may not carry this repository.`,
      'hub-not-found',
    );
  }
  if (status === 429) {
    return new UserError(
      `The hub is rate-limiting requests (HTTP 429, ${ctx.url}). Wait a few minutes and run the command again.`,
      'hub-busy',
    );
  }
  return new UserError(
    `The hub answered HTTP ${status} for ${ctx.what} (${ctx.url}). ` +
      (status >= 500 ? 'It may be having trouble; try again later.' : 'This client may be out of date.'),
    'hub-error',
  );
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** A short description of a fetch/network failure, from undici's error and its cause. */
export function describeNetworkError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e instanceof Error) {
      const code = (e as Error & { code?: unknown }).code;
      const text = typeof code === 'string' ? `${code}: ${e.message}` : e.message;
      if (text && !parts.includes(text) && text !== 'fetch failed') parts.push(text);
      e = e.cause;
    } else break;
  }
  return parts.join('; ') || 'network error';
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason;
  return new CancelledError('The download was cancelled.');
}

function badAnswer(url: string, why: string): UserError {
  return new UserError(
    `The model hub sent an unexpected answer for ${url}: ${why}. Is HF_HUB_URL a Hugging Face hub?`,
    'hub-bad-answer',
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

function hex(v: unknown, length: number): string | undefined {
  return typeof v === 'string' && v.length === length && /^[0-9a-f]+$/.test(v) ? v : undefined;
}

/** A `siblings[]` entry of the revision endpoint (with `blobs=true`). */
function parseSibling(v: unknown): HubFile | undefined {
  if (!isRecord(v) || typeof v.rfilename !== 'string') return undefined;
  const lfs = isRecord(v.lfs) ? v.lfs : undefined;
  return {
    path: v.rfilename,
    size: num(v.size) ?? num(lfs?.size),
    sha256: hex(lfs?.sha256, 64),
    gitBlobSha1: lfs ? undefined : hex(v.blobId, 40),
  };
}

/** An entry of the tree endpoint; folders are skipped. */
function parseTreeEntry(v: unknown): HubFile | undefined {
  if (!isRecord(v) || v.type !== 'file' || typeof v.path !== 'string') return undefined;
  const lfs = isRecord(v.lfs) ? v.lfs : undefined;
  return {
    path: v.path,
    size: num(v.size) ?? num(lfs?.size),
    sha256: hex(lfs?.oid, 64),
    gitBlobSha1: lfs ? undefined : hex(v.oid, 40),
  };
}

/** The `rel="next"` target of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel="?next"?/.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}
