/**
 * A local stand-in for the Hugging Face hub, on 127.0.0.1, serving repos built from directories in the hub's URL
 * layout:
 *
 *   GET /api/models/{repo}/revision/{rev}[?blobs=true]      { id, sha, siblings: [{ rfilename, size?, blobId?, lfs? }] }
 *   GET /api/models/{repo}/tree/{rev}?recursive=true          [{ type, oid, size, path, lfs? }], paged with Link
 *   GET /{repo}/resolve/{rev}/{path}                          small files directly; "LFS" files 302 to the CDN
 *   GET {cdn}/blobs/{sha256}?sig=...                          a second server on another port (another origin)
 *
 * Both honour `Range: bytes=N-` (206, or 416 past the end). Faults can be switched on per test: gated repos (401
 * without the right token), status codes, connections dropped after N body bytes, corrupted bytes, Range ignored,
 * slow bodies, siblings without sizes (forcing the tree endpoint). Every request is recorded with the headers that
 * matter and the body bytes sent, so tests can assert what was (not) fetched and where the token went.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, sep } from 'node:path';
import type { RegistryEntry } from '../../src/models/registry.ts';

export interface FakeRepoSpec {
  /** `owner/name`. */
  repo: string;
  /** The directory whose files make up the repo. */
  dir: string;
  /** Commit sha the branch points at (40 hex); a fixed one when absent. */
  sha?: string;
  /** Branch name that resolves to `sha` (default `main`). */
  branch?: string;
  /** Files at least this big are "LFS": sha256 in the API, served through a 302 to the CDN (default 1024). */
  lfsMinBytes?: number;
}

export interface Faults {
  /** Answer 401 to the API and /resolve unless `Authorization: Bearer <token>`. */
  requireToken?: string;
  /** HTTP status for requests whose path contains `match` (the first `times` of them; all when absent). */
  status?: { match: string; code: number; times?: number }[];
  /** Close the connection after sending `afterBytes` of the body of `path` (the first `times` responses; default 1). */
  drop?: { path: string; afterBytes: number; times?: number }[];
  /** Flip a byte in the middle of `path`'s content as served (size unchanged). */
  corrupt?: string[];
  /** Answer 200 with the whole file even when a Range is asked. */
  ignoreRange?: boolean;
  /** Pause this long between 16 kB body chunks. */
  slowMs?: number;
  /** Leave sizes and hashes out of `siblings` (as `blobs=false` does), so clients need the tree endpoint. */
  siblingsWithoutSizes?: boolean;
  /** Never answer requests whose path contains one of these (a server that accepts and then hangs). */
  hang?: string[];
  /** Page size of the tree endpoint (exercises Link pagination). */
  treePageSize?: number;
}

export interface RecordedRequest {
  server: 'hub' | 'cdn';
  method: string;
  path: string;
  authorization: string | undefined;
  range: string | undefined;
  status: number;
  /** Body bytes written (for file bodies). */
  bodyBytes: number;
  /** The repo file this request served, if any. */
  file: string | undefined;
}

export interface HubServer {
  url: string;
  cdnUrl: string;
  requests: RecordedRequest[];
  faults: Faults;
  /** The files of a repo as the hub lists them (for assertions). */
  files(repo: string): FakeFile[];
  close(): Promise<void>;
}

export interface FakeFile {
  path: string;
  content: Buffer;
  size: number;
  sha256: string;
  gitBlobSha1: string;
  lfs: boolean;
}

interface FakeRepo {
  repo: string;
  sha: string;
  branch: string;
  files: Map<string, FakeFile>;
}

const defaultSha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

export function loadRepo(spec: FakeRepoSpec): FakeRepo {
  const files = new Map<string, FakeFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const content = readFileSync(p);
        const path = relative(spec.dir, p).split(sep).join('/');
        files.set(path, {
          path,
          content,
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          gitBlobSha1: createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex'),
          lfs: content.length >= (spec.lfsMinBytes ?? 1024),
        });
      }
    }
  };
  walk(spec.dir);
  return { repo: spec.repo, sha: spec.sha ?? defaultSha, branch: spec.branch ?? 'main', files };
}

export async function startHubServer(specs: FakeRepoSpec[], faults: Faults = {}): Promise<HubServer> {
  const repos = new Map(specs.map((s) => [s.repo, loadRepo(s)] as const));
  const requests: RecordedRequest[] = [];
  const state = { faults, statusUsed: new Map<number, number>(), dropUsed: new Map<number, number>() };
  let cdnUrl = '';

  const record = (server: 'hub' | 'cdn', req: IncomingMessage): RecordedRequest => {
    const r: RecordedRequest = {
      server,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      authorization: req.headers.authorization,
      range: req.headers.range,
      status: 0,
      bodyBytes: 0,
      file: undefined,
    };
    requests.push(r);
    return r;
  };

  const json = (
    res: ServerResponse,
    rec: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    rec.status = status;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const fault = (path: string): number | undefined => {
    const list = state.faults.status ?? [];
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      if (!path.includes(f.match)) continue;
      const used = state.statusUsed.get(i) ?? 0;
      if (f.times !== undefined && used >= f.times) continue;
      state.statusUsed.set(i, used + 1);
      return f.code;
    }
    return undefined;
  };

  const findRev = (repo: FakeRepo, rev: string) => (rev === repo.branch || rev === repo.sha ? repo.sha : undefined);

  async function serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    rec: RecordedRequest,
    file: FakeFile,
    extra: Record<string, string>,
  ) {
    rec.file = file.path;
    let content = file.content;
    if (state.faults.corrupt?.includes(file.path)) {
      content = Buffer.from(content);
      const i = content.length >> 1;
      content[i] = (content[i] ?? 0) ^ 0xff;
    }
    let start = 0;
    let status = 200;
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag: `"${file.sha256}"`,
      ...extra,
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && !state.faults.ignoreRange) {
      start = Number(range[1]);
      if (start >= content.length) {
        rec.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${content.length}` });
        res.end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${content.length - 1}/${content.length}`;
    }
    const body = content.subarray(start);
    headers['content-length'] = String(body.length);
    rec.status = status;
    res.writeHead(status, headers);

    let limit = body.length;
    let dropping = false;
    const drops = state.faults.drop ?? [];
    for (let i = 0; i < drops.length; i++) {
      const d = drops[i]!;
      const used = state.dropUsed.get(i) ?? 0;
      if (d.path === file.path && used < (d.times ?? 1)) {
        state.dropUsed.set(i, used + 1);
        limit = Math.min(limit, d.afterBytes);
        dropping = true;
        break;
      }
    }
    const chunk = 16 * 1024;
    for (let off = 0; off < limit; off += chunk) {
      const piece = body.subarray(off, Math.min(limit, off + chunk));
      await new Promise<void>((resolve, reject) => res.write(piece, (err) => (err ? reject(err) : resolve())));
      rec.bodyBytes += piece.length;
      if (state.faults.slowMs) await new Promise((r) => setTimeout(r, state.faults.slowMs));
    }
    if (dropping) {
      // A graceful close (FIN after the bytes written): the client gets exactly `afterBytes`, then a short body.
      res.socket?.end();
      return;
    }
    res.end();
  }

  const hub = createServer((req, res) => {
    const rec = record('hub', req);
    handleHub(req, res, rec).catch(() => res.destroy());
  });

  async function handleHub(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest) {
    const url = new URL(req.url ?? '/', 'http://hub');
    const path = decodeURIComponent(url.pathname);
    if (state.faults.hang?.some((h) => path.includes(h))) return;
    const forced = fault(path);
    if (forced !== undefined) return json(res, rec, forced, { error: `forced ${forced}` });
    const token = state.faults.requireToken;
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      return json(res, rec, 401, {
        error:
          'Access to model is restricted. You must have access to it and be authenticated to access it. Please log in.',
      });
    }

    let m = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/(.+)$/.exec(path);
    if (m) {
      const repo = repos.get(m[1]!);
      const sha = repo && findRev(repo, m[2]!);
      if (!repo || !sha) return json(res, rec, 404, { error: 'Revision Not Found' });
      const blobs = url.searchParams.get('blobs') === 'true' && !state.faults.siblingsWithoutSizes;
      const siblings = [...repo.files.values()].map((f) =>
        blobs
          ? {
              rfilename: f.path,
              size: f.size,
              blobId: f.lfs ? createHash('sha1').update(f.sha256).digest('hex') : f.gitBlobSha1,
              ...(f.lfs ? { lfs: { sha256: f.sha256, size: f.size, pointerSize: 134 } } : {}),
            }
          : { rfilename: f.path },
      );
      return json(res, rec, 200, { _id: 'x', id: repo.repo, modelId: repo.repo, sha, private: false, siblings });
    }

    m = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(path);
    if (m) {
      const repo = repos.get(m[1]!);
      const sha = repo && findRev(repo, m[2]!);
      if (!repo || !sha) return json(res, rec, 404, { error: 'Revision Not Found' });
      const entries: unknown[] = [];
      const dirs = new Set<string>();
      for (const f of repo.files.values()) {
        const parts = f.path.split('/');
        for (let i = 1; i < parts.length; i++) {
          const d = parts.slice(0, i).join('/');
          if (!dirs.has(d)) {
            dirs.add(d);
            entries.push({ type: 'directory', oid: '0'.repeat(40), size: 0, path: d });
          }
        }
        entries.push({
          type: 'file',
          oid: f.lfs ? createHash('sha1').update(f.sha256).digest('hex') : f.gitBlobSha1,
          size: f.size,
          path: f.path,
          ...(f.lfs ? { lfs: { oid: f.sha256, size: f.size, pointerSize: 134 } } : {}),
        });
      }
      const pageSize = state.faults.treePageSize ?? 1000;
      const cursor = Number(url.searchParams.get('cursor') ?? '0');
      const page = entries.slice(cursor, cursor + pageSize);
      const headers: Record<string, string> = {};
      if (cursor + pageSize < entries.length) {
        headers.link = `<${url.pathname}?recursive=true&cursor=${cursor + pageSize}>; rel="next"`;
      }
      return json(res, rec, 200, page, headers);
    }

    m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      const repo = repos.get(m[1]!);
      const sha = repo && findRev(repo, m[2]!);
      const file = sha ? repo.files.get(m[3]!) : undefined;
      if (!repo || !file) {
        rec.status = 404;
        res.writeHead(404, { 'x-error-code': 'EntryNotFound' });
        return res.end('Entry not found');
      }
      const common = { 'x-repo-commit': sha!, 'x-linked-size': String(file.size), 'x-linked-etag': `"${file.sha256}"` };
      if (file.lfs) {
        rec.status = 302;
        rec.file = file.path;
        res.writeHead(302, {
          location: `${cdnUrl}/blobs/${file.sha256}?sig=fake&file=${encodeURIComponent(file.path)}`,
          ...common,
        });
        return res.end();
      }
      return serveFile(req, res, rec, file, common);
    }
    return json(res, rec, 404, { error: 'Not Found' });
  }

  const cdn = createServer((req, res) => {
    const rec = record('cdn', req);
    const url = new URL(req.url ?? '/', 'http://cdn');
    if (state.faults.hang?.some((h) => url.pathname.includes(h))) return;
    const forced = fault(url.pathname);
    if (forced !== undefined) {
      rec.status = forced;
      res.writeHead(forced);
      res.end();
      return;
    }
    const sha = /^\/blobs\/([0-9a-f]{64})$/.exec(url.pathname)?.[1];
    const file = sha
      ? [...repos.values()].flatMap((r) => [...r.files.values()]).find((f) => f.sha256 === sha)
      : undefined;
    if (!file) {
      rec.status = 404;
      res.writeHead(404);
      res.end('NoSuchKey');
      return;
    }
    serveFile(req, res, rec, file, {}).catch(() => res.destroy());
  });

  const listen = (s: Server) =>
    new Promise<string>((resolve) =>
      s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
    );
  const url = await listen(hub);
  cdnUrl = await listen(cdn);

  return {
    url,
    cdnUrl,
    requests,
    get faults() {
      return state.faults;
    },
    set faults(f: Faults) {
      state.faults = f;
      state.statusUsed.clear();
      state.dropUsed.clear();
    },
    files: (repo) => [...(repos.get(repo)?.files.values() ?? [])],
    async close() {
      hub.closeAllConnections();
      cdn.closeAllConnections();
      await Promise.all([new Promise((r) => hub.close(r)), new Promise((r) => cdn.close(r))]);
    },
  };
}

/** Deterministic pseudo-random bytes (xorshift32), so test repos are the same every run. */
export function fakeBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Writes a fake model repo in the diffusers ONNX layout (random bytes, not real ONNX) and returns a registry entry
 * for it. unet/weights.pb is the big file (400 kB) that resume tests interrupt.
 */
export function writeFakeModelRepo(dir: string, repo = 'test-org/tiny-sd'): RegistryEntry {
  const files: Record<string, Buffer> = {
    '.gitattributes': Buffer.from(
      '*.onnx filter=lfs diff=lfs merge=lfs -text\n*.pb filter=lfs diff=lfs merge=lfs -text\n',
    ),
    'README.md': Buffer.from('# tiny-sd\nNot a real model.\n'),
    'model_index.json': Buffer.from(
      JSON.stringify({ _class_name: 'OnnxStableDiffusionPipeline', _name_or_path: 'test/tiny-sd' }),
    ),
    'scheduler/scheduler_config.json': Buffer.from(
      JSON.stringify({ _class_name: 'PNDMScheduler', num_train_timesteps: 1000 }),
    ),
    'text_encoder/model.onnx': fakeBytes(50_000, 1),
    'tokenizer/merges.txt': Buffer.from('#version: 0.2\nt h\n'),
    'tokenizer/special_tokens_map.json': Buffer.from('{}'),
    'tokenizer/tokenizer_config.json': Buffer.from('{"model_max_length":77}'),
    'tokenizer/vocab.json': Buffer.from('{"a</w>":0}'),
    'unet/model.onnx': fakeBytes(2_000, 2),
    'unet/weights.pb': fakeBytes(400_000, 3),
    'vae_decoder/model.onnx': fakeBytes(30_000, 4),
    'vae_encoder/model.onnx': fakeBytes(30_000, 5),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return {
    name: 'tiny-sd',
    description: 'A fake model for downloader tests',
    family: 'tiny',
    repo,
    revision: 'main',
    dtype: 'float32',
    files: [
      ...Object.keys(files)
        .filter((p) => p.includes('/') || p === 'model_index.json')
        .map((path) => ({ path })),
      { path: 'unet/config.json', optional: true },
    ],
    licence: { name: 'MIT', url: 'https://example.invalid/licence' },
    approxBytes: 545_000,
    providers: { cpu: 'works' },
    defaults: { steps: 2, guidanceScale: 1, width: 64, height: 64 },
    provenance: 'Generated by the tests.',
  };
}
