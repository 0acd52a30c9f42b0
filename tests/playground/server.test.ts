// The playground's HTTP edge without a browser: access token, cross-site posts, its own jobs only, the configured
// quota, the event stream, and Discord's delivery leaving the page's jobs alone. Real SQLite and the real queue in
// front of a fake inference backend.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, describe, it } from 'node:test';
import type { Client } from 'discord.js';
import { loadConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/discord/context.ts';
import { createDelivery } from '../../src/discord/delivery.ts';
import type { ModelInfo } from '../../src/diffusion/types.ts';
import { PLAYGROUND_USER_ID } from '../../src/playground/actions.ts';
import { startPlayground } from '../../src/playground/server.ts';
import sharp from 'sharp';
import { fakeBackend, newJob, setupQueue } from '../queue/helpers.ts';

const model: ModelInfo = {
  name: 'demo',
  dir: '/nowhere',
  family: 'demo',
  sampleSize: 64,
  defaultSteps: 4,
  defaultGuidance: 5,
  defaultScheduler: 'euler',
  guidanceFree: false,
  supportsImg2Img: true,
  executionProvider: 'cpu',
  dtype: 'float32',
};

async function start(env: Record<string, string> = {}) {
  const q = setupQueue({ backend: fakeBackend({ auto: true }) });
  const config = loadConfig({ PLAYGROUND_PORT: '1', ...env });
  const ctx: AppContext = {
    config,
    now: q.stores.database.clock,
    stores: q.stores,
    queue: q.queue,
    modelInfo: () => model,
  };
  const pg = await startPlayground({ ctx, port: 0, host: '127.0.0.1', accessToken: config.playground.accessToken });
  after(() => pg.close());
  return { ...q, ctx, pg, base: new URL(pg.url).origin };
}

const post = (pg: { base: string }, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${pg.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('playground server', () => {
  it('with an access token: refuses without it, accepts it as a bearer or once in the link (then a cookie)', async () => {
    const token = 'a-long-random-token-0123456789';
    const s = await start({ PLAYGROUND_TOKEN: token });
    assert.match(s.pg.url, /\?token=a-long-random-token-0123456789$/);
    assert.equal((await fetch(`${s.base}/api/state`)).status, 401);
    assert.equal((await fetch(`${s.base}/api/state?token=wrong-token-wrong-token`)).status, 401);
    assert.equal((await fetch(`${s.base}/api/state`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    const viaLink = await fetch(`${s.base}/?token=${token}`);
    assert.equal(viaLink.status, 200);
    const cookie = viaLink.headers.get('set-cookie')!.split(';')[0]!;
    assert.match(cookie, /^atelier_playground=/);
    assert.equal((await fetch(`${s.base}/api/state`, { headers: { cookie } })).status, 200);
  });

  it('refuses cross-site posts and foreign host names, and serves the page with a strict content policy', async () => {
    const s = await start();
    const port = Number(new URL(s.base).port);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/api/state', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    assert.equal(await status(`rebound.example:${port}`), 403, 'a name that is not loopback (DNS rebinding)');
    assert.equal(await status(`localhost:${port}`), 200);
    assert.equal(await status(`[::1]:${port}`), 200);
    const res = await post(s, '/api/imagine', { text: 'a red circle' }, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(s.stores.jobs.listForUser(PLAYGROUND_USER_ID).length, 0);
    const page = await fetch(`${s.base}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal((await fetch(`${s.base}/../package.json`)).status, 404);
    assert.equal((await fetch(`${s.base}/%2e%2e/package.json`)).status, 404);
  });

  it('imagine goes through the queue as the user "playground", streams its events, and shows only its own jobs', async () => {
    const s = await start();
    const stream = await fetch(`${s.base}/api/events`);
    const reader = stream.body!.getReader();
    const res = await post(s, '/api/imagine', { text: 'a red circle on the left --seed 7 --steps 3' });
    assert.equal(res.status, 200);
    const view = (await res.json()) as { id: number; prompt: string };
    assert.equal(view.prompt, 'a red circle on the left');
    const job = s.stores.jobs.get(view.id)!;
    assert.deepEqual(
      [job.userId, job.guildId, job.channelId, job.params.seed, job.params.steps],
      ['playground', 'playground', null, 7, 3],
    );
    let text = '';
    const decoder = new TextDecoder();
    while (!/"state":"done"/.test(text)) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    assert.match(text, /event: job\ndata: \{"id":\d+/);
    assert.equal((await fetch(`${s.base}/api/jobs/${view.id}/images/0`)).headers.get('content-type'), 'image/png');

    // A Discord member's job is not the page's: neither its images nor its buttons.
    const other = s.queue.submit(
      newJob('alice', {}, { guildId: '123456789012345678', channelId: '223456789012345678' }),
    ).job;
    await s.queue.idle();
    assert.equal((await fetch(`${s.base}/api/jobs/${other.id}/images/0`)).status, 400);
    assert.equal((await post(s, `/api/buttons/${encodeURIComponent(`reroll:${other.id}`)}`, {})).status, 400);
    const state = (await (await fetch(`${s.base}/api/state`)).json()) as { jobs: { id: number }[] };
    assert.deepEqual(
      state.jobs.map((j) => j.id),
      [view.id],
    );
  });

  it('a Discord job opened by a #paint link: its image for the painter, and the painted edit runs as the page’s job', async () => {
    const s = await start();
    const other = s.queue.submit(
      newJob('alice', { prompt: 'a red circle' }, { guildId: '123456789012345678', channelId: '223456789012345678' }),
    ).job;
    await s.queue.idle();
    const source = (await (await fetch(`${s.base}/api/paint/${other.id}/0`)).json()) as Record<string, unknown>;
    const stored = s.stores.jobs.image(other.id, 0)!;
    assert.deepEqual(source, {
      jobId: other.id,
      index: 0,
      width: stored.width,
      height: stored.height,
      prompt: 'a red circle',
      imageUrl: `/api/paint/${other.id}/0/image`,
    });
    const image = await fetch(`${s.base}${source.imageUrl}`);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), Buffer.from(stored.png));
    // Unknown, deleted or unfinished jobs are refused with the usual message.
    assert.equal((await fetch(`${s.base}/api/paint/999999/0`)).status, 400);

    const mask = await sharp({
      create: { width: stored.width, height: stored.height, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    // The mask is hashed and written off the thread (the playground shares the gateway's), not in jobs.create.
    const files = s.stores.jobs.files;
    const putSync = files.putSync;
    files.putSync = () => assert.fail('the mask was hashed and written on the calling thread');
    const res = await fetch(`${s.base}/api/jobs/${other.id}/region?index=0&text=${encodeURIComponent('a blue star')}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: mask,
    });
    files.putSync = putSync;
    assert.equal(res.status, 200, await res.clone().text());
    const edit = s.stores.jobs.get(((await res.json()) as { id: number }).id)!;
    assert.deepEqual([edit.userId, edit.guildId, edit.kind], [PLAYGROUND_USER_ID, 'playground', 'edit']);
    assert.equal(edit.params.parentJobId, other.id);
    assert.equal(edit.params.prompt, 'a blue star');
    assert.deepEqual(edit.params.kind === 'edit' && edit.params.edit, {
      kind: 'mask',
      source: 'playground brush from Discord',
    });
    assert.deepEqual([...(s.stores.jobs.mask(edit.id) ?? [])], [...mask]);
    await s.queue.idle();
    assert.equal(s.stores.jobs.get(edit.id)!.state, 'done');
    s.stores.jobs.markDeleted(other.id);
    assert.equal((await fetch(`${s.base}/api/paint/${other.id}/0`)).status, 400);
  });

  it('the quota is off by default and follows PLAYGROUND_IMAGES_PER_DAY', async () => {
    const open = await start();
    assert.equal(
      open.stores.limits.resolve({ guildId: 'playground', userId: 'playground', roleIds: [] }).values.userImagesPerDay,
      null,
    );
    const s = await start({ PLAYGROUND_IMAGES_PER_DAY: '4' });
    assert.equal((await post(s, '/api/imagine', { text: 'a blue square' })).status, 200);
    const refused = await post(s, '/api/imagine', { text: 'a blue square' });
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { error: string }).error, /4 images/);
  });

  it('permutations and --repeat make one job each, all or none against the quota; over the cap the refusal names it', async () => {
    const s = await start({ PLAYGROUND_IMAGES_PER_DAY: '20' });
    const res = await post(s, '/api/imagine', { text: 'a {red, blue} circle --repeat 2 --steps 2' });
    assert.equal(res.status, 200);
    const view = (await res.json()) as { id: number; prompt: string; more: { id: number; prompt: string }[] };
    assert.deepEqual(
      [view.prompt, ...view.more.map((m) => m.prompt)],
      ['a red circle', 'a red circle', 'a blue circle', 'a blue circle'],
    );
    assert.equal(new Set([view.id, ...view.more.map((m) => m.id)]).size, 4);
    // Each job charged its own images.
    const used = s.stores.quota.status({ guildId: 'playground', userId: 'playground', roleIds: [] }).imagesUsed;
    assert.equal(
      used,
      [view, ...view.more].reduce((n, v) => n + s.stores.jobs.get(v.id)!.params.count, 0),
    );
    const tooMany = await post(s, '/api/imagine', { text: '{a, b, c} --repeat 4' });
    assert.equal(tooMany.status, 400);
    assert.match(
      ((await tooMany.json()) as { error: string }).error,
      /That makes 12 jobs .*the most one prompt may start is 10/,
    );
    // All or none: six more jobs would pass what is left, so none starts and nothing more is charged; as in Discord,
    // the decisions hold the quota in memory, so nothing was reserved and refunded either.
    const reservations = () =>
      s.stores.database.sqlite.prepare('SELECT count(*) FROM quota_reservations').pluck().get();
    const before = reservations();
    const over = await post(s, '/api/imagine', { text: '{x, y} --repeat 3' });
    assert.equal(over.status, 400);
    assert.equal(s.stores.quota.status({ guildId: 'playground', userId: 'playground', roleIds: [] }).imagesUsed, used);
    assert.equal(reservations(), before, 'no reservation written and refunded');
  });

  it("Discord's delivery leaves the page's jobs alone", async () => {
    const s = await start();
    const view = (await (await post(s, '/api/imagine', { text: 'a green star' })).json()) as { id: number };
    const untouchable = new Proxy({}, { get: () => assert.fail('delivery touched the Discord client') }) as Client;
    const delivery = createDelivery({ client: untouchable, jobs: s.stores.jobs, now: Date.now, minEditIntervalMs: 0 });
    delivery.handle(view.id, { type: 'queued', position: 1, etaMs: 0 });
    delivery.handle(view.id, { type: 'failed', error: 'x' });
    await delivery.idle();
    assert.deepEqual(delivery.stats, {
      webhookEdits: 0,
      botEdits: 0,
      posts: 0,
      unchanged: 0,
      superseded: 0,
      failures: 0,
    });
  });
});
