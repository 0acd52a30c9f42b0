// The bundled demo model through Discord: the pictures mean what the prompt says, a variation keeps that meaning,
// and a reroll changes the pixels but not the meaning. Judged by the same checker as `npm run bench -- demo-quality`.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { makeTinyUpscaler } from '../../src/models/tiny-upscaler.ts';
import sharp from 'sharp';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import { allMatch, checkImage, parseCaption } from '../../src/demo/checker.ts';
import { customIds, jobIdOf, useBot } from '../support/bot.ts';

const demoDir = fileURLToPath(new URL('../../models/demo', import.meta.url));
const caption = 'a red circle on the left on a blue background';

describe('the demo model through Discord', () => {
  // DEFAULT_STEPS unset: the model's own default (10 steps) instead of the harness's 2.
  // DISPLAY_MIN_SIDE as in production: small results are posted enlarged.
  const h = useBot({ modelDir: demoDir, env: { DEFAULT_STEPS: '', DISPLAY_MIN_SIDE: '512' } });

  /** Each stored image of a job, decoded, with the checker's verdict on the caption. */
  async function judged(jobId: number) {
    const images = h.stores.jobs.loadImages(jobId);
    return Promise.all(
      images.map(async ({ png }) => {
        const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        const rgb = new Uint8Array(data);
        return { rgb, verdict: checkImage(rgb, info.width, info.height, parseCaption(caption)) };
      }),
    );
  }
  const accepted = (list: Awaited<ReturnType<typeof judged>>) => list.filter((x) => allMatch(x.verdict)).length;

  it('/imagine draws the caption; V keeps colours and layout; reroll gives other pixels, same meaning', async () => {
    const alice = h.discord.users.alice;
    const grid = await h.settled(h.imagine({ prompt: caption, seed: 1234 }, { user: alice }), 60_000);
    const gridJob = jobIdOf(grid);
    const originals = await judged(gridJob);
    assert.equal(originals.length, 4);
    assert.ok(
      accepted(originals) >= 3,
      `the checker accepts at least 3 of 4: ${JSON.stringify(originals.map((x) => x.verdict.detected))}`,
    );

    const variation = await h.settled(h.discord.clickButton(grid.id, `vary:${gridJob}:0`, { user: alice }), 60_000);
    const varied = await judged(jobIdOf(variation));
    assert.ok(
      accepted(varied) >= 3,
      `variations keep the meaning: ${JSON.stringify(varied.map((x) => x.verdict.detected))}`,
    );

    const reroll = await h.settled(h.discord.clickButton(grid.id, `reroll:${gridJob}`, { user: alice }), 60_000);
    const rerolled = await judged(jobIdOf(reroll));
    assert.ok(
      accepted(rerolled) >= 3,
      `a reroll keeps the meaning: ${JSON.stringify(rerolled.map((x) => x.verdict.detected))}`,
    );
    assert.ok(
      rerolled.every((r, i) => Buffer.compare(Buffer.from(r.rgb), Buffer.from(originals[i]!.rgb)) !== 0),
      'other pixels',
    );
    assert.notEqual(h.stores.jobs.get(jobIdOf(reroll))!.seed, h.stores.jobs.get(gridJob)!.seed);
  });

  it('posts a small result enlarged (grid 128 -> 512, single image 64 -> 512) and stores the model’s own pixels', async () => {
    const grid = await h.settled(h.imagine({ prompt: caption, seed: 77 }), 60_000);
    const gridJob = jobIdOf(grid);
    const posted = grid.files[0]!;
    assert.match(posted.filename, /^atelier-\d+-grid\.png$/);
    const shown = await sharp(posted.bytes).metadata();
    assert.deepEqual([shown.width, shown.height], [512, 512], 'the 2x2 grid of 64x64 images, enlarged 4x');
    const stored = h.stores.jobs.loadImages(gridJob);
    assert.equal(stored.length, 4);
    for (const img of stored) {
      const meta = await sharp(img.png).metadata();
      assert.deepEqual([meta.width, meta.height, img.width, img.height], [64, 64, 64, 64]);
      const p = parseParameters(readPngParameters(img.png)!);
      assert.deepEqual([p.width, p.height], [64, 64]);
      assert.doesNotMatch(readPngParameters(img.png)!, /Display:/);
    }
    const postedParameters = readPngParameters(posted.bytes)!;
    assert.match(postedParameters, /Size: 64x64, .*Grid: 2x2, Display: 4x Lanczos$/);
    // Every model pixel became a 4x4 block (smoothed): each tile, scaled back down, is the stored image.
    for (const [i, img] of stored.entries()) {
      const tile = await sharp(posted.bytes)
        .extract({ left: (i % 2) * 256, top: Math.floor(i / 2) * 256, width: 256, height: 256 })
        .resize(64, 64, { kernel: 'cubic' })
        .removeAlpha()
        .raw()
        .toBuffer();
      const own = await sharp(img.png).removeAlpha().raw().toBuffer();
      let diff = 0;
      for (let k = 0; k < own.length; k++) diff += Math.abs(tile[k]! - own[k]!);
      assert.ok(diff / own.length < 6, `tile ${i} shows the stored pixels (mean difference ${diff / own.length})`);
    }

    // U3 posts the single 64x64 image 8x; its stored image is the grid's own file.
    assert.ok(customIds(grid).includes(`upscale:${gridJob}:2`));
    const single = await h.settled(h.discord.clickButton(grid.id, `upscale:${gridJob}:2`), 60_000);
    const one = await sharp(single.files[0]!.bytes).metadata();
    assert.deepEqual([one.width, one.height], [512, 512]);
    assert.match(readPngParameters(single.files[0]!.bytes)!, /Display: 8x Lanczos$/);
    assert.equal(h.stores.jobs.image(jobIdOf(single), 0)!.sha256, h.stores.jobs.image(gridJob, 2)!.sha256);
  });
});

describe('small results through Discord with an upscaler installed', () => {
  // The demo model in a folder of its own, with a generated 2x upscaler beside it (models/upscaler/model.onnx).
  const root = mkdtempSync(join(tmpdir(), 'atelier-display-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(demoDir, join(root, 'demo'), { recursive: true });
  makeTinyUpscaler(join(root, 'upscaler'));
  const h = useBot({ modelDir: join(root, 'demo'), env: { DEFAULT_STEPS: '', DISPLAY_MIN_SIDE: '512' } });

  it('the grid is built from the upscaler’s copies, finished with Lanczos to 512; the store keeps 64x64', async () => {
    const grid = await h.settled(h.imagine({ prompt: caption, seed: 78 }), 60_000);
    const posted = grid.files[0]!;
    const meta = await sharp(posted.bytes).metadata();
    assert.deepEqual([meta.width, meta.height], [512, 512]);
    assert.match(
      readPngParameters(posted.bytes)!,
      /Size: 64x64, .*Display: 2x upscaler, Grid: 2x2, Display: 2x Lanczos$/,
    );
    for (const img of h.stores.jobs.loadImages(jobIdOf(grid))) {
      const stored = await sharp(img.png).metadata();
      assert.deepEqual([stored.width, stored.height], [64, 64]);
      assert.doesNotMatch(readPngParameters(img.png)!, /Display/);
    }
  });
});
