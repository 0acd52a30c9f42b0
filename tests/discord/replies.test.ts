import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { playgroundLinkBase } from '../../src/playground/link.ts';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { Job } from '../../src/db/jobs.ts';
import type { RequestChanges } from '../../src/request/request.ts';
import { encodePng } from '../../src/diffusion/png.ts';
import { fitFile, renderResult, tokenUsable } from '../../src/discord/delivery.ts';
import {
  cancelledView,
  headline,
  infoEmbed,
  progressView,
  queuedView,
  resultButtons,
  shownPrompt,
} from '../../src/discord/replies.ts';

function job(over: Partial<Job> = {}, params: RequestChanges & Record<string, unknown> = {}): Job {
  return {
    id: 7,
    state: 'done',
    kind: 'imagine',
    userId: '111',
    guildId: '1',
    channelId: '2',
    model: 'tiny',
    seed: 42,
    params: {
      kind: 'imagine',
      prompt: 'a cat',
      width: 64,
      height: 64,
      steps: 2,
      guidanceScale: 7.5,
      seed: 42,
      count: 4,
      ...params,
    } as Job['params'],
    reservationId: 1,
    messageId: null,
    interactionId: null,
    interactionToken: null,
    tokenExpiresAt: null,
    queuedAt: 0,
    startedAt: 0,
    finishedAt: 0,
    waitMs: 1000,
    runMs: 2000,
    attempts: 1,
    runWith: null,
    imageCount: 4,
    error: null,
    deleted: false,
    ...over,
  };
}
const ids = (rows: ReturnType<typeof resultButtons>) =>
  rows.map((r) => r.toJSON().components.map((c) => (c as { custom_id: string }).custom_id));

describe('replies', () => {
  it('neutralises mentions and markdown in prompts', () => {
    assert.equal(shownPrompt('@everyone **bold**'), '@\u200beveryone \\*\\*bold\\*\\*');
    assert.match(headline(job()), /^\*\*a cat\*\* — <@111>$/);
    assert.match(
      headline(job({ kind: 'variation' }, { parentJobId: 3, sourceIndex: 1, strength: 0.6 })),
      /variation of image 2 from #3 \(strength 0\.6\)/,
    );
  });

  it('puts U above V for a grid, with reroll, info and delete; the variations and edits on a single image', () => {
    assert.deepEqual(ids(resultButtons(job(), 4)), [
      ['upscale:7:0', 'upscale:7:1', 'upscale:7:2', 'upscale:7:3'],
      ['vary:7:0', 'vary:7:1', 'vary:7:2', 'vary:7:3'],
      ['reroll:7', 'info:7', 'delete:7'],
    ]);
    assert.deepEqual(ids(resultButtons(job(), 1)), [
      ['subtle:7:0', 'strong:7:0', 'region:7:0'],
      ['zoom2:7:0', 'zoom15:7:0', 'upsubtle:7:0', 'upcreative:7:0'],
      ['panleft:7:0', 'panright:7:0', 'panup:7:0', 'pandown:7:0'],
      ['reroll:7', 'info:7', 'delete:7'],
    ]);
    const eight = ids(resultButtons(job(), 8));
    assert.equal(eight.length, 5);
    assert.ok(eight.every((row) => row.length <= 5));
  });

  it('with the playground on, a single image links to its painter (a link button: a URL, no custom_id)', () => {
    const base = playgroundLinkBase(loadConfig({ DISCORD_TOKEN: '', PLAYGROUND_PORT: '7861' }))!;
    assert.equal(base, 'http://127.0.0.1:7861/');
    const first = resultButtons(job(), 1, base)[0]!.toJSON().components;
    assert.deepEqual(ids(resultButtons(job(), 1, base))[0], ['subtle:7:0', 'strong:7:0', 'region:7:0', undefined]);
    const link = first[3] as { style: number; url: string; label: string };
    assert.equal(link.style, 5);
    assert.equal(link.url, 'http://127.0.0.1:7861/#paint=7:0');
    assert.equal(link.label, 'Paint region (playground)');
    // Not under a grid (Vary (Region) is a single image's), and not when the playground is off.
    assert.ok(
      resultButtons(job(), 4, base).every((r) =>
        r.toJSON().components.every((c) => (c as { style?: number }).style !== 5),
      ),
    );
    assert.equal(playgroundLinkBase(loadConfig({ DISCORD_TOKEN: 'x.y.z' })), undefined);
    assert.equal(
      playgroundLinkBase(
        loadConfig({
          PLAYGROUND_PORT: '7862',
          PLAYGROUND_HOST: '0.0.0.0',
          PLAYGROUND_TOKEN: 'a-long-random-token-0123',
        }),
      ),
      'http://127.0.0.1:7862/',
    );
  });

  it('shows the queue place with a countdown, progress with the preview, and cancellation', () => {
    const q = queuedView(job(), { position: 3, etaMs: 40_000, now: 1_700_000_000_000 });
    assert.match(q.content, /Waiting in the queue: \*\*#3\*\*, starts in about 40 sec \(<t:1700000040:R>\)/);
    assert.deepEqual(
      q.components[0]!.toJSON().components.map((c) => (c as { custom_id: string }).custom_id),
      ['cancel:7'],
    );
    assert.deepEqual(q.files, []);
    // Its model has no live worker: the place stays, the estimate gives way to why it waits.
    const idle = queuedView(job({ model: 'beta' }), {
      position: 3,
      etaMs: 0,
      now: 1_700_000_000_000,
      noWorker: 'unserved',
    });
    assert.match(
      idle.content,
      /#3\*\*, no worker serves the model \*\*beta\*\* right now: it starts as soon as one does/,
    );
    // The workers cannot be reached (Redis down): the place stays, and the member is told why it waits.
    const away = queuedView(job(), { position: 2, etaMs: 0, now: 1_700_000_000_000, noWorker: 'unreachable' });
    assert.match(away.content, /#2\*\*, the image workers can't be reached right now: your place is kept/);
    const p = progressView(job({}, { spoiler: true }), { step: 3, totalSteps: 20, preview: new Uint8Array([1, 2, 3]) });
    assert.match(p.content, /step 3 of 20 \(15%\)/);
    assert.equal(p.files[0]!.name, 'SPOILER_preview.png');
    assert.match(
      cancelledView(job(), { byModerator: true, reason: 'spam' }).content,
      /Cancelled by a moderator \(spam\)\. Nothing was charged/,
    );
  });

  it('lists every parameter in the info embed', () => {
    const e = infoEmbed(job({}, { negativePrompt: 'blurry', strength: 0.35, parentJobId: 2, sourceIndex: 0 }), {
      seeds: [42, 43],
    });
    const f = Object.fromEntries(e.fields!.map((x) => [x.name, x.value]));
    assert.match(f.Prompt!, /a cat/);
    assert.match(f['Negative prompt']!, /blurry/);
    assert.equal(f.Seed, '42, 43');
    assert.equal(f.Strength, '0.35');
    assert.equal(f['Made from'], 'job #2, image 1');
  });
});

describe('result files', () => {
  const noisy = async (w: number, h: number) => {
    const rgb = new Uint8Array(w * h * 3);
    for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 2654435761) >>> 24;
    return Buffer.from(
      await encodePng(rgb, w, h, 'a cat\nSteps: 2, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 1x1, Model: m'),
    );
  };

  it('keeps the PNG when it fits and re-encodes (WebP, then JPEG, then smaller) when it does not', async () => {
    const png = await noisy(256, 256);
    assert.equal((await fitFile(png, png.length, 'x')).name, 'x.png');
    const smaller = await fitFile(png, Math.floor(png.length * 0.9), 'x');
    assert.match(smaller.name, /^x\.(webp|jpg)$/);
    assert.ok(smaller.data.length <= png.length * 0.9);
    assert.match(smaller.note!, /too large for this channel/);
    const tiny = await fitFile(png, 6000, 'x');
    assert.ok(tiny.data.length <= 6000);
    const meta = await sharp(tiny.data).metadata();
    assert.ok((meta.width ?? 0) < 256, 'scaled down as a last resort');
  });

  it("uploads the grid within the interaction's limit, as a spoiler when asked", async () => {
    const images = await Promise.all(
      [0, 1, 2, 3].map(async () => ({ png: await noisy(64, 64), seed: 1, width: 64, height: 64 })),
    );
    const view = await renderResult(job({}, { spoiler: true, attachmentSizeLimit: 5000 }), images);
    const file = view.files[0]!;
    assert.match(file.name!, /^SPOILER_atelier-7-grid\.(webp|jpg)$/);
    assert.ok((file.attachment as Buffer).length <= 5000);
    assert.match(view.content, /re-encoded/);
  });

  it('uses the interaction token only while it lives', () => {
    assert.equal(tokenUsable({ interactionToken: 't', tokenExpiresAt: 100_000 }, 50_000), true);
    assert.equal(
      tokenUsable({ interactionToken: 't', tokenExpiresAt: 100_000 }, 80_000),
      false,
      'not within 30 s of the end',
    );
    assert.equal(tokenUsable({ interactionToken: null, tokenExpiresAt: null }, 0), false);
  });
});
