// The bundled demo model through Discord: the pictures mean what the prompt says, a variation keeps that meaning,
// and a reroll changes the pixels but not the meaning. Judged by the same checker as `npm run bench -- demo-quality`.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { allMatch, checkImage, parseCaption } from '../../src/demo/checker.ts';
import { jobIdOf, startHarness, type Harness } from './harness.ts';

const demoDir = fileURLToPath(new URL('../../models/demo', import.meta.url));
const caption = 'a red circle on the left on a blue background';

describe('the demo model through Discord', () => {
  let h: Harness;
  before(async () => {
    // DEFAULT_STEPS unset: the model's own default (10 steps) instead of the harness's 2.
    h = await startHarness({ modelDir: demoDir, env: { DEFAULT_STEPS: '' } });
  });
  after(async () => {
    assert.equal(h.discord.specReport(), '');
    await h.close();
  });

  /** Each stored image of a job, decoded, with the checker's verdict on the caption. */
  async function judged(jobId: number) {
    const images = h.current.stores.jobs.loadImages(jobId);
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
    assert.notEqual(h.current.stores.jobs.get(jobIdOf(reroll))!.seed, h.current.stores.jobs.get(gridJob)!.seed);
  });
});
