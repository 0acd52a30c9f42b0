import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CancelledError, UserError } from '../../src/errors.ts';
import {
  createProgressBar,
  manifestName,
  pullModel,
  readManifest,
  type PullOptions,
} from '../../src/models/download.ts';
import { createHubClient } from '../../src/models/hub.ts';
import { createRegistry, type RegistryEntry } from '../../src/models/registry.ts';
import { startHubServer, writeFakeModelRepo, type HubServer } from '../support/hub-server.ts';

const repoId = 'test-org/tiny-sd';
let work: string;
let server: HubServer;
let entry: RegistryEntry;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'atelier-download-'));
  entry = writeFakeModelRepo(join(work, 'repo'), repoId);
  server = await startHubServer([{ repo: repoId, dir: join(work, 'repo') }]);
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

let root: string;
let counter = 0;
beforeEach(() => {
  root = join(work, `models-${++counter}`);
  server.faults = {};
  server.requests.length = 0;
});

class Sink {
  text = '';
  isTTY = false;
  write(s: string) {
    this.text += s;
    return true;
  }
}

function options(extra: Partial<PullOptions> = {}, token?: string): PullOptions {
  return {
    name: 'tiny-sd',
    modelsRoot: root,
    hub: createHubClient({ hubUrl: server.url, token }),
    registry: createRegistry([entry]),
    progress: new Sink(),
    retryDelayMs: 1,
    ...extra,
  };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const weights = 'unet/weights.pb';
const weightsSize = 400_000;

describe('pullModel', () => {
  test('downloads every registry file, verified, and writes a complete manifest', async () => {
    const result = await pullModel(options());
    const dir = join(root, 'tiny-sd');
    assert.equal(result.dir, dir);
    for (const f of server.files(repoId)) {
      const wanted = entry.files.some((e) => e.path === f.path);
      assert.equal(existsSync(join(dir, f.path)), wanted, `${f.path} present iff in the registry`);
      if (wanted) assert.equal(sha256(join(dir, f.path)), f.sha256, f.path);
    }
    assert.equal(existsSync(join(dir, weights + '.part')), false);
    assert.deepEqual(result.absent, ['unet/config.json']);
    assert.equal(
      result.bytesFetched,
      server
        .files(repoId)
        .filter((f) => entry.files.some((e) => e.path === f.path))
        .reduce((n, f) => n + f.size, 0),
    );
    const manifest = await readManifest(dir);
    assert.ok(manifest);
    assert.equal(manifest.complete, true);
    assert.equal(manifest.repo, repoId);
    assert.equal(manifest.revision, 'main');
    assert.match(manifest.sha, /^[0-9a-f]{40}$/);
    assert.equal(manifest.files[weights]?.sha256, server.files(repoId).find((f) => f.path === weights)?.sha256);
    // Big files went through the hub's 302 to the CDN; files were fetched at the resolved commit, not the branch.
    assert.ok(server.requests.some((r) => r.server === 'cdn' && r.file === weights && r.status === 200));
    assert.ok(
      server.requests
        .filter((r) => r.path.includes('/resolve/'))
        .every((r) => r.path.includes(`/resolve/${manifest.sha}/`)),
    );
  });

  test('sends the token to the hub but not to the CDN host it redirects to', async () => {
    server.faults = { requireToken: 'hf_secret' };
    await pullModel(options({}, 'hf_secret'));
    const hub = server.requests.filter((r) => r.server === 'hub');
    const cdn = server.requests.filter((r) => r.server === 'cdn');
    assert.ok(hub.length > 0 && cdn.length > 0);
    assert.ok(hub.every((r) => r.authorization === 'Bearer hf_secret'));
    assert.ok(
      cdn.every((r) => r.authorization === undefined),
      'no Authorization header reached the CDN',
    );
  });

  test('a gated repo without a token says to set HF_TOKEN and accept the licence', async () => {
    server.faults = { requireToken: 'hf_secret' };
    await assert.rejects(pullModel(options()), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /HTTP 401/);
      assert.match(err.message, /HF_TOKEN/);
      assert.match(err.message, /licence/);
      assert.ok(err.message.includes(`${server.url}/${repoId}`), 'names the model page');
      return true;
    });
  });

  test('a wrong token is called out as refused', async () => {
    server.faults = { requireToken: 'hf_secret' };
    await assert.rejects(pullModel(options({}, 'hf_wrong')), /token in HF_TOKEN was refused/);
  });

  test('an interrupted transfer resumes with Range, and bytes on disk are not fetched again', async () => {
    // slowMs lets the client drain each chunk before the drop (undici discards chunks still queued when a body fails).
    server.faults = { drop: [{ path: weights, afterBytes: 150_000 }], slowMs: 2 };
    await assert.rejects(pullModel(options({ retries: 0 })), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /interrupted/);
      assert.match(err.message, /run the same command again to resume/);
      return true;
    });
    const part = join(root, 'tiny-sd', weights + '.part');
    const kept = statSync(part).size;
    assert.ok(kept > 0 && kept <= 150_000, `kept ${kept} bytes`);
    const manifest1 = await readManifest(join(root, 'tiny-sd'));
    assert.equal(manifest1?.complete, false);
    const done1 = Object.keys(manifest1?.files ?? {});
    assert.ok(done1.includes('text_encoder/model.onnx') && !done1.includes(weights));

    server.faults = {};
    server.requests.length = 0;
    const result = await pullModel(options());
    const fetches = server.requests.filter((r) => r.file === weights && r.server === 'cdn');
    assert.equal(fetches.length, 1);
    assert.equal(fetches[0]?.range, `bytes=${kept}-`);
    assert.equal(fetches[0]?.status, 206);
    assert.equal(fetches[0]?.bodyBytes, weightsSize - kept);
    assert.equal(result.files.find((f) => f.path === weights)?.outcome, 'resumed');
    // Files finished in the first run were not requested again.
    const requested = server.requests.filter((r) => r.path.includes('/resolve/')).map((r) => r.file);
    assert.deepEqual(
      requested.filter((f) => done1.includes(f ?? '')),
      [],
    );
    assert.equal(result.files.filter((f) => f.outcome === 'skipped').length, done1.length);
    assert.equal(sha256(join(root, 'tiny-sd', weights)), server.files(repoId).find((f) => f.path === weights)?.sha256);
    assert.equal(existsSync(part), false);
    assert.equal((await readManifest(join(root, 'tiny-sd')))?.complete, true);
  });

  test('a lost connection is resumed automatically within one run', async () => {
    server.faults = { drop: [{ path: weights, afterBytes: 100_000, times: 2 }], slowMs: 1 };
    const result = await pullModel(options({ retries: 3 }));
    const cdn = server.requests.filter((r) => r.file === weights && r.server === 'cdn');
    assert.equal(cdn.length, 3);
    assert.equal(cdn[0]?.range, undefined);
    const starts = cdn.slice(1).map((r) => Number(/^bytes=(\d+)-$/.exec(r.range ?? '')?.[1]));
    assert.ok(starts[0]! > 0 && starts[1]! > starts[0]!, `resumed at ${starts.join(', ')}`);
    // Each resume asks exactly for what is not on disk yet: no byte arrives twice.
    assert.equal(cdn[2]?.bodyBytes, weightsSize - starts[1]!);
    assert.equal(result.files.find((f) => f.path === weights)?.outcome, 'downloaded');
    assert.equal(sha256(join(root, 'tiny-sd', weights)), server.files(repoId).find((f) => f.path === weights)?.sha256);
  });

  test('a server that ignores Range gets the file from the start, hashed from the start', async () => {
    server.faults = { drop: [{ path: weights, afterBytes: 50_000 }], slowMs: 2 };
    await assert.rejects(pullModel(options({ retries: 0 })));
    const kept = statSync(join(root, 'tiny-sd', weights + '.part')).size;
    assert.ok(kept > 0);
    server.faults = { ignoreRange: true };
    await pullModel(options());
    const last = server.requests.filter((r) => r.file === weights && r.server === 'cdn').at(-1);
    assert.equal(last?.range, `bytes=${kept}-`);
    assert.equal(last?.status, 200);
    assert.equal(sha256(join(root, 'tiny-sd', weights)), server.files(repoId).find((f) => f.path === weights)?.sha256);
  });

  test('a body that stalls is treated as a lost connection', async () => {
    server.faults = { slowMs: 400 };
    await assert.rejects(pullModel(options({ retries: 0, idleTimeoutMs: 100 })), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /interrupted \(no data for 0\.1 s\)/);
      return true;
    });
    server.faults = {};
  });

  test('a server that accepts the request and never answers is given up on too', async () => {
    server.faults = { hang: ['/blobs/'] };
    await assert.rejects(
      pullModel(options({ retries: 1, idleTimeoutMs: 100 })),
      /interrupted \(no data for 0\.1 s\) after 2 attempt/,
    );
    server.faults = {};
  });

  test('a checksum mismatch is reported, and the damaged file is removed', async () => {
    server.faults = { corrupt: ['vae_decoder/model.onnx'] };
    await assert.rejects(pullModel(options()), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.code, 'checksum-mismatch');
      assert.match(err.message, /vae_decoder\/model\.onnx/);
      assert.match(err.message, /sha256/);
      assert.match(err.message, /removed/);
      return true;
    });
    const dir = join(root, 'tiny-sd');
    assert.equal(existsSync(join(dir, 'vae_decoder/model.onnx')), false);
    assert.equal(existsSync(join(dir, 'vae_decoder/model.onnx.part')), false);
    assert.equal((await readManifest(dir))?.complete, false);
  });

  test('a corrupted small (non-LFS) file is caught by its git blob sha1', async () => {
    server.faults = { corrupt: ['model_index.json'] };
    await assert.rejects(pullModel(options()), /Checksum mismatch for model_index\.json.*git blob sha1/s);
  });

  test('an installed model is skipped without fetching anything, and a damaged file is fetched again', async () => {
    await pullModel(options());
    server.requests.length = 0;
    const again = await pullModel(options());
    assert.ok(again.files.every((f) => f.outcome === 'skipped'));
    assert.equal(again.bytesFetched, 0);
    assert.equal(server.requests.filter((r) => r.path.includes('/resolve/') || r.server === 'cdn').length, 0);

    // Same size, different bytes: only a re-hash can tell.
    const path = join(root, 'tiny-sd', 'vae_encoder/model.onnx');
    const bytes = readFileSync(path);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    writeFileSync(path, bytes);
    server.requests.length = 0;
    const verified = await pullModel(options({ verifyExisting: true }));
    assert.equal(verified.files.find((f) => f.path === 'vae_encoder/model.onnx')?.outcome, 'downloaded');
    assert.deepEqual(
      server.requests.filter((r) => r.server === 'cdn').map((r) => r.file),
      ['vae_encoder/model.onnx'],
    );
    assert.equal(sha256(path), server.files(repoId).find((f) => f.path === 'vae_encoder/model.onnx')?.sha256);
  });

  test('files already in place without a manifest are verified by hash, not fetched', async () => {
    const dir = join(root, 'tiny-sd');
    for (const f of server.files(repoId)) {
      mkdirSync(join(dir, f.path, '..'), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const result = await pullModel(options());
    assert.ok(result.files.every((f) => f.outcome === 'skipped'));
    assert.equal(server.requests.filter((r) => r.server === 'cdn').length, 0);
    assert.equal((await readManifest(dir))?.complete, true);
  });

  test('an unknown name lists the known models', async () => {
    await assert.rejects(pullModel(options({ name: 'sd99' })), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /"sd99"/);
      assert.match(err.message, /tiny-sd/);
      return true;
    });
    assert.equal(server.requests.length, 0);
  });

  test('a required file missing from the revision is named before anything is downloaded', async () => {
    const broken: RegistryEntry = { ...entry, files: [...entry.files, { path: 'unet/model.onnx_data' }] };
    await assert.rejects(
      pullModel(options({ registry: createRegistry([broken]) })),
      /does not have unet\/model\.onnx_data/,
    );
    assert.equal(server.requests.filter((r) => r.path.includes('/resolve/')).length, 0);
  });

  test('registry pins that disagree with the hub stop the pull', async () => {
    const pinned: RegistryEntry = {
      ...entry,
      files: entry.files.map((f) => (f.path === weights ? { ...f, sha256: '0'.repeat(64) } : f)),
    };
    await assert.rejects(pullModel(options({ registry: createRegistry([pinned]) })), /do not match the registry/);
  });

  test('an unknown repo or revision is a 404 with advice', async () => {
    const moved: RegistryEntry = { ...entry, repo: 'test-org/gone' };
    await assert.rejects(pullModel(options({ registry: createRegistry([moved]) })), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /HTTP 404/);
      assert.match(err.message, /test-org\/gone/);
      return true;
    });
  });

  test('an unreachable hub names the URL and HF_HUB_URL', async () => {
    const closed = await startHubServer([]);
    const url = closed.url;
    await closed.close();
    await assert.rejects(pullModel(options({ hub: createHubClient({ hubUrl: url }) })), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.ok(err.message.includes(url), err.message);
      assert.match(err.message, /HF_HUB_URL/);
      return true;
    });
  });

  test('a server error on a file is retried; a persistent one ends with the resume advice', async () => {
    server.faults = { status: [{ match: '/blobs/', code: 503, times: 1 }] };
    await pullModel(options({ retries: 2 }));
    assert.ok(server.requests.some((r) => r.status === 503));

    server.faults = { status: [{ match: '/blobs/', code: 503 }] };
    root = join(work, `models-${++counter}`);
    await assert.rejects(pullModel(options({ retries: 1 })), /HTTP 503.*run the same command again/s);
  });

  test('cancelling keeps the part file for a later resume', async () => {
    server.faults = { slowMs: 5 };
    const controller = new AbortController();
    const sink = new Sink();
    const pull = pullModel(
      options({
        signal: controller.signal,
        progress: {
          write: (s: string) => {
            sink.write(s);
            if (s.includes('weights.pb') && !controller.signal.aborted) setTimeout(() => controller.abort(), 30);
            return true;
          },
        },
      }),
    );
    await assert.rejects(pull, (err: unknown) => err instanceof CancelledError);
    const part = join(root, 'tiny-sd', weights + '.part');
    assert.ok(existsSync(part));
    assert.ok(statSync(part).size < weightsSize);
    server.faults = {};
    await pullModel(options());
    assert.equal(sha256(join(root, 'tiny-sd', weights)), server.files(repoId).find((f) => f.path === weights)?.sha256);
  });

  test('a second pull into the same folder while one runs is refused', async () => {
    mkdirSync(join(root, 'tiny-sd'), { recursive: true });
    // A lock held by a live process (this one's parent stands in for another downloader).
    writeFileSync(join(root, 'tiny-sd', '.atelier-download.lock'), String(process.ppid));
    await assert.rejects(pullModel(options()), /Another download/);
    // A stale lock (dead pid) is taken over.
    writeFileSync(join(root, 'tiny-sd', '.atelier-download.lock'), '2147483646');
    await pullModel(options());
    assert.equal(existsSync(join(root, 'tiny-sd', '.atelier-download.lock')), false);
  });

  test('progress goes to the stream: file names, percent, bytes, and a summary', async () => {
    const sink = new Sink();
    await pullModel(options({ progress: sink }));
    assert.match(sink.text, /Downloading unet\/weights\.pb/);
    assert.match(sink.text, /100% 512 kB\/512 kB/);
    assert.match(sink.text, /Fetched 512 kB in/);
    assert.equal(sink.text.includes('\r'), false, 'no carriage returns when not a terminal');
    assert.ok(existsSync(join(root, 'tiny-sd', manifestName)));
  });
});

describe('createProgressBar', () => {
  test('on a terminal it redraws one line with \\r, with speed and ETA', () => {
    let t = 0;
    const sink = new Sink();
    sink.isTTY = true;
    const bar = createProgressBar(10_000_000, { stream: sink, now: () => t });
    bar.setLabel('unet/weights.pb');
    for (let i = 0; i < 5; i++) {
      t += 1000;
      bar.add(1_000_000);
    }
    const last = sink.text.split('\r').at(-1) ?? '';
    assert.match(last, /\[##########----------\] 50\.0% 5\.00 MB\/10\.0 MB 1\.00 MB\/s ETA 5s unet\/weights\.pb/);
    bar.done();
    assert.match(sink.text, /\n.*Fetched 5\.00 MB in 5s\.\n$/);
  });

  test('without a terminal it prints a plain line per 10 %', () => {
    let t = 0;
    const sink = new Sink();
    const bar = createProgressBar(1000, { stream: sink, now: () => t });
    for (let i = 0; i < 100; i++) {
      t += 10;
      bar.add(10);
    }
    const lines = sink.text.trim().split('\n');
    assert.equal(lines.length, 11); // 0 %, 10 %, ..., 100 %
    assert.match(lines.at(-1) ?? '', /^100% 1\.00 kB\/1\.00 kB/);
  });
});
