import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { createHubClient, hubHttpError, nextLink } from '../../src/models/hub.ts';
import { startHubServer, writeFakeModelRepo, type HubServer } from '../support/hub-server.ts';

const repo = 'test-org/tiny-sd';
const sha = '0123456789abcdef0123456789abcdef01234567';
let work: string;
let server: HubServer;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'atelier-hub-'));
  writeFakeModelRepo(join(work, 'repo'), repo);
  server = await startHubServer([{ repo, dir: join(work, 'repo'), sha }]);
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  server.faults = {};
  server.requests.length = 0;
});

test('resolveRevision gives the commit, sizes, sha256 of LFS files and git sha1 of small ones', async () => {
  const hub = createHubClient({ hubUrl: server.url + '/' });
  const r = await hub.resolveRevision(repo, 'main');
  assert.equal(r.sha, sha);
  const byPath = new Map(server.files(repo).map((f) => [f.path, f]));
  assert.equal(r.files.size, byPath.size);
  const weights = r.files.get('unet/weights.pb');
  assert.equal(weights?.size, 400_000);
  assert.equal(weights?.sha256, byPath.get('unet/weights.pb')?.sha256);
  assert.equal(weights?.gitBlobSha1, undefined);
  const index = r.files.get('model_index.json');
  assert.equal(index?.sha256, undefined);
  assert.equal(index?.gitBlobSha1, byPath.get('model_index.json')?.gitBlobSha1);
  assert.equal(server.requests.length, 1, 'one API call when siblings carry sizes');
  assert.match(server.requests[0]!.path, /\/api\/models\/test-org\/tiny-sd\/revision\/main\?blobs=true$/);
});

test('without sizes in siblings, the paginated tree endpoint fills them in', async () => {
  server.faults = { siblingsWithoutSizes: true, treePageSize: 4 };
  const r = await createHubClient({ hubUrl: server.url }).resolveRevision(repo, sha);
  const trees = server.requests.filter((q) => q.path.includes('/tree/'));
  assert.ok(trees.length > 2, `followed Link pages (${trees.length})`);
  assert.ok(
    trees.every((q) => q.path.includes(`/tree/${sha}`)),
    'the tree is read at the resolved commit',
  );
  assert.equal(r.files.get('unet/weights.pb')?.size, 400_000);
  assert.equal(
    r.files.get('unet/weights.pb')?.sha256,
    server.files(repo).find((f) => f.path === 'unet/weights.pb')?.sha256,
  );
  assert.equal(r.files.has('unet'), false, 'folders are not files');
});

test('revisions are URL-encoded (refs/pr/N)', async () => {
  await assert.rejects(createHubClient({ hubUrl: server.url }).resolveRevision(repo, 'refs/pr/1'), /HTTP 404/);
  assert.match(server.requests[0]!.path, /\/revision\/refs%2Fpr%2F1\?/);
});

test('openFile follows the redirect to another host, keeps Range, and drops the token there', async () => {
  const hub = createHubClient({ hubUrl: server.url, token: 'hf_abc' });
  const res = await hub.openFile(repo, sha, 'unet/weights.pb', { rangeStart: 399_990 });
  assert.equal(res.status, 206);
  assert.equal((await res.arrayBuffer()).byteLength, 10);
  const [first, second] = server.requests;
  assert.equal(first?.server, 'hub');
  assert.equal(first?.status, 302);
  assert.equal(first?.authorization, 'Bearer hf_abc');
  assert.equal(second?.server, 'cdn');
  assert.equal(second?.range, 'bytes=399990-');
  assert.equal(second?.authorization, undefined);
  assert.equal(hub.fileUrl(repo, sha, 'a b/c.json'), `${server.url}/${repo}/resolve/${sha}/a%20b/c.json`);
});

test('HTTP errors become UserErrors that say what to do', () => {
  const ctx = {
    what: 'revision main of o/r',
    repo: 'o/r',
    url: 'http://h/x',
    hubUrl: 'https://huggingface.co',
    hasToken: false,
  };
  const e401 = hubHttpError(401, ctx);
  assert.match(e401.message, /gated or private/);
  assert.match(e401.message, /HF_TOKEN/);
  assert.match(e401.message, /https:\/\/huggingface\.co\/o\/r/);
  assert.match(hubHttpError(403, { ...ctx, hasToken: true }).message, /token in HF_TOKEN was refused/);
  assert.match(hubHttpError(404, ctx).message, /renamed or removed/);
  assert.match(hubHttpError(503, ctx).message, /try again later/);
  assert.equal(hubHttpError(429, ctx).code, 'hub-busy');
});

test('an answer that is not JSON, or no answer at all, is explained', async () => {
  const html = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>captive portal</html>');
  });
  const silent = createServer(() => undefined);
  const listen = (s: ReturnType<typeof createServer>) =>
    new Promise<string>((r) =>
      s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
    );
  try {
    await assert.rejects(createHubClient({ hubUrl: await listen(html) }).resolveRevision(repo, 'main'), /not JSON/);
    const url = await listen(silent);
    await assert.rejects(
      createHubClient({ hubUrl: url, apiTimeoutMs: 100 }).resolveRevision(repo, 'main'),
      (err: unknown) => {
        assert.ok(err instanceof UserError);
        assert.match(err.message, /did not answer/);
        assert.match(err.message, /HF_HUB_URL/);
        return true;
      },
    );
  } finally {
    html.closeAllConnections();
    silent.closeAllConnections();
    html.close();
    silent.close();
  }
});

test('nextLink reads rel="next" from a Link header', () => {
  assert.equal(nextLink('<https://h/api/x?cursor=abc>; rel="next"'), 'https://h/api/x?cursor=abc');
  assert.equal(nextLink('<https://h/a>; rel="prev", <https://h/b>; rel="next"'), 'https://h/b');
  assert.equal(nextLink('<https://h/a>; rel="prev"'), undefined);
  assert.equal(nextLink(null), undefined);
});
