// The edit buttons under a single image, through the local Discord on the demo model, judged by the checker:
// Zoom Out keeps the object and adds background, Pan extends the background, Vary (Region) changes only the region
// with the prompt typed in its modal.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { allMatch, checkImage, detect, parseCaption } from '../../src/demo/checker.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import type { MessageView } from '../support/discord/index.ts';
import { customIds, jobIdOf, useBot } from '../support/bot.ts';

const demoDir = fileURLToPath(new URL('../../models/demo', import.meta.url));
const caption = 'a red circle in the centre on a blue background';

async function pixels(png: Uint8Array) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data), width: info.width, height: info.height };
}

describe('edit buttons on the demo model', () => {
  let single: MessageView;
  let singleJob: number;
  let source: Awaited<ReturnType<typeof pixels>>;

  // PLAYGROUND_PORT: the playground is on (nothing listens there in this test: only the link it makes is checked).
  const h = useBot(
    { modelDir: demoDir, env: { DEFAULT_STEPS: '', DEFAULT_IMAGES: '2', PLAYGROUND_PORT: '7861' } },
    async () => {
      const alice = h.discord.users.alice;
      const grid = await h.settled(h.imagine({ prompt: caption, seed: 77 }, { user: alice }), 60_000);
      const gridJob = jobIdOf(grid);
      const images = h.stores.jobs.loadImages(gridJob);
      const good = (
        await Promise.all(
          images.map(async (img) => allMatch(checkImage((await pixels(img.png)).rgb, 64, 64, parseCaption(caption)))),
        )
      ).indexOf(true);
      assert.ok(good >= 0, 'the grid shows the caption at least once');
      single = await h.settled(h.discord.clickButton(grid.id, `upscale:${gridJob}:${good}`, { user: alice }), 60_000);
      singleJob = jobIdOf(single);
      source = await pixels(h.stores.jobs.image(singleJob, 0)!.png);
    },
  );

  const imagesOf = (jobId: number) => Promise.all(h.stores.jobs.loadImages(jobId).map((i) => pixels(i.png)));

  it('a single image carries Vary (Region), Zoom Out and Pan, each only action:jobId:index', () => {
    const ids = customIds(single);
    for (const action of [
      'region',
      'zoom2',
      'zoom15',
      'upsubtle',
      'upcreative',
      'panleft',
      'panright',
      'panup',
      'pandown',
    ]) {
      assert.ok(ids.includes(`${action}:${singleJob}:0`), `${action} on ${ids.join(' ')}`);
    }
    // With the playground on, Vary (Region) has a link to paint the region there (the only component without a custom_id).
    const links = (single.components as { components: { style: number; url?: string; custom_id?: string }[] }[])
      .flatMap((row) => row.components)
      .filter((c) => c.style === 5);
    assert.deepEqual(
      links.map((c) => [c.url, c.custom_id]),
      [[`http://127.0.0.1:7861/#paint=${singleJob}:0`, undefined]],
    );
  });

  it('Zoom Out 2x keeps the object, smaller and in the centre, and paints background around it', async () => {
    const result = await h.settled(h.discord.clickButton(single.id, `zoom2:${singleJob}:0`), 60_000);
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.params.kind, 'edit');
    assert.deepEqual(child.params.kind === 'edit' && child.params.edit, { kind: 'zoom-out', factor: 2 });
    assert.equal(child.params.parentJobId, singleJob);
    assert.match(result.content, /zoom out 2x: image 1 from #\d+/);
    const before = detect(source.rgb, 64, 64);
    const outs = await imagesOf(child.id);
    assert.equal(outs.length, 2);
    for (const out of outs) {
      const d = checkImage(out.rgb, 64, 64, parseCaption(caption));
      assert.ok(allMatch(d), JSON.stringify(d.detected));
      const ratio = d.detected.area / before.area;
      assert.ok(ratio > 0.15 && ratio < 0.4, `area ratio ${ratio.toFixed(2)}`);
    }
    assert.equal(parseParameters(readPngParameters(h.stores.jobs.image(child.id, 0)!.png)!).edit, 'zoom out 2x');
    assert.equal(h.stores.usage.forJob(child.id)[0]!.kind, 'zoom-out');
  });

  it('Pan ➡ grows the canvas by half to the right and extends the background; the old picture stays', async () => {
    const result = await h.settled(h.discord.clickButton(single.id, `panright:${singleJob}:0`), 60_000);
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.deepEqual([child.params.width, child.params.height], [96, 64]);
    for (const out of await imagesOf(child.id)) {
      assert.deepEqual([out.width, out.height], [96, 64]);
      let same = 0;
      for (let y = 0; y < 64; y++)
        for (let x = 0; x < 62; x++)
          for (let c = 0; c < 3; c++) if (source.rgb[(y * 64 + x) * 3 + c] === out.rgb[(y * 96 + x) * 3 + c]) same++;
      assert.equal(same, 64 * 62 * 3, 'left of the feathered seam, the source pixels');
      const d = checkImage(out.rgb, 96, 64, { shape: 'circle', colour: 'red', background: 'blue' });
      assert.ok(d.shape && d.colour && d.background, `still one red circle on blue: ${JSON.stringify(d.detected)}`);
    }
  });

  it('Vary (Region) opens a modal (regions and the prompt prefilled); its submit repaints only that region', async () => {
    const opened = h.discord.clickButton(single.id, `region:${singleJob}:0`);
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${opened.id}/`));
    const submitted = h.discord.modalSubmit(opened, {
      region: ['bottom-right'],
      prompt: 'a yellow star at the bottom on a blue background',
      negative: '',
    });
    const result = await h.settled(submitted, 60_000);
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.params.prompt, 'a yellow star at the bottom on a blue background');
    assert.deepEqual(child.params.kind === 'edit' && child.params.edit, { kind: 'region', region: 'bottom-right' });
    for (const out of await imagesOf(child.id)) {
      let changedOutside = 0;
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          if (x >= 30 && y >= 30) continue; // the region and its feathered edge
          for (let c = 0; c < 3; c++)
            if (source.rgb[(y * 64 + x) * 3 + c] !== out.rgb[(y * 64 + x) * 3 + c]) changedOutside++;
        }
      }
      assert.equal(changedOutside, 0, 'outside the region nothing moved');
      let changedInside = 0;
      for (let y = 34; y < 64; y++)
        for (let x = 34; x < 64; x++) if (source.rgb[(y * 64 + x) * 3] !== out.rgb[(y * 64 + x) * 3]) changedInside++;
      assert.ok(changedInside > 100, `the region was repainted (${changedInside} pixels changed)`);
    }
    assert.equal(h.stores.usage.forJob(child.id)[0]!.kind, 'vary-region');
  });

  it('Reroll of a painted-mask edit paints the same mask again (the stored mask goes along, by reference)', async () => {
    // A brush edit (the playground's kind) posted in this channel: the painted mask is the right half.
    const mask = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } })
      .composite([
        {
          input: await sharp({ create: { width: 32, height: 64, channels: 3, background: '#fff' } })
            .png()
            .toBuffer(),
          left: 32,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    const parent = h.stores.jobs.get(singleJob)!;
    const edit = h.queue.submit({
      userId: h.discord.users.alice.id,
      guildId: h.discord.guildId,
      channelId: h.discord.channelId,
      model: parent.model,
      params: {
        ...parent.params,
        kind: 'edit',
        prompt: 'a yellow star on the right on a blue background',
        seed: 5,
        count: 1,
        strength: undefined,
        parentJobId: singleJob,
        sourceIndex: 0,
        edit: { kind: 'mask', source: 'playground brush' },
      },
      mask,
    }).job;
    const posted = await h.discord.waitForMessage((m) => customIds(m).includes(`reroll:${edit.id}`), {
      timeout: 60_000,
    });
    const result = await h.settled(h.discord.clickButton(posted.id, `reroll:${edit.id}`), 60_000);
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.state, 'done');
    assert.equal(child.params.parentJobId, singleJob, 'the same source image');
    assert.deepEqual(child.params.kind === 'edit' && child.params.edit, { kind: 'mask', source: 'playground brush' });
    assert.notEqual(child.params.seed, 5, 'new seeds');
    assert.deepEqual(h.stores.jobs.inputRef(child.id, 'mask'), h.stores.jobs.inputRef(edit.id, 'mask'));
    // Painted where the mask is white only: the left half is the source's, pixel for pixel.
    for (const out of await imagesOf(child.id)) {
      let changedLeft = 0;
      for (let y = 0; y < 64; y++)
        for (let x = 0; x < 26; x++)
          for (let c = 0; c < 3; c++)
            if (source.rgb[(y * 64 + x) * 3 + c] !== out.rgb[(y * 64 + x) * 3 + c]) changedLeft++;
      assert.equal(changedLeft, 0, 'outside the mask nothing moved');
    }
  });

  it('Upscale (Subtle) doubles the image, one image charged, and says when it fell back to Lanczos', async () => {
    const result = await h.settled(h.discord.clickButton(single.id, `upsubtle:${singleJob}:0`), 60_000);
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.imageCount, 1);
    const img = h.stores.jobs.image(child.id, 0)!;
    assert.deepEqual([img.width, img.height], [128, 128]);
    assert.match(result.content, /enlarged with Lanczos/);
    assert.equal(parseParameters(readPngParameters(img.png)!).edit, 'upscale 2x subtle lanczos');
    const d = checkImage((await pixels(img.png)).rgb, 128, 128, parseCaption(caption));
    assert.ok(allMatch(d), `the upscaled picture still shows the caption: ${JSON.stringify(d.detected)}`);
  });

  it('Upscale (Creative) repaints at twice the size at low strength and keeps the meaning', async () => {
    const result = await h.settled(h.discord.clickButton(single.id, `upcreative:${singleJob}:0`), 60_000);
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.imageCount, 1);
    assert.equal(child.params.strength, 0.35);
    const img = h.stores.jobs.image(child.id, 0)!;
    assert.deepEqual([img.width, img.height], [128, 128]);
    const params = parseParameters(readPngParameters(img.png)!);
    assert.equal(params.edit, 'upscale 2x creative');
    assert.equal(params.denoisingStrength, 0.35);
    const d = checkImage((await pixels(img.png)).rgb, 128, 128, parseCaption(caption));
    assert.ok(allMatch(d), `the hires picture still shows the caption: ${JSON.stringify(d.detected)}`);
  });

  it('Remix: with /settings remix on, Reroll opens a form with the prompt; the edited prompt is what runs', async () => {
    const bob = h.discord.users.bob;
    const set = h.discord.slashCommand('settings set', { remix: true }, { user: bob });
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${set.id}/`));
    assert.equal(h.stores.settings.get(bob.id).remix, true);
    const opened = h.discord.clickButton(single.id, `reroll:${singleJob}`, { user: bob });
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${opened.id}/`));
    assert.equal(h.stores.jobs.listForUser(bob.id).length, 0, 'nothing runs before the form is sent');
    const edited = 'a yellow star on the left on a green background';
    const result = await h.settled(
      h.discord.modalSubmit(opened, { prompt: edited, negative: '' }, { user: bob }),
      60_000,
    );
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.params.prompt, edited);
    assert.equal(child.params.parentJobId, singleJob);
    assert.equal(h.stores.usage.forJob(child.id)[0]!.kind, 'remix-reroll');
    const verdicts = await Promise.all(
      (await imagesOf(child.id)).map((img) => checkImage(img.rgb, 64, 64, parseCaption(edited))),
    );
    assert.ok(
      verdicts.filter(allMatch).length >= 1,
      `the edited prompt is painted: ${JSON.stringify(verdicts.map((v) => v.detected))}`,
    );
  });

  it('Remix covers Upscale (Creative): a form first, then the hires fix with the edited prompt; Subtle runs at once', async () => {
    const bob = h.discord.users.bob;
    assert.equal(h.current.stores.settings.get(bob.id).remix, true, 'remix is on for bob (the test above)');
    const opened = h.discord.clickButton(single.id, `upcreative:${singleJob}:0`, { user: bob });
    const callback = await h.discord.waitFor((r) => r.path === `/interactions/${opened.id}/${opened.token}/callback`);
    const body = callback.json as { type: number; data: { custom_id: string } };
    assert.equal(body.type, 9, 'a modal');
    assert.equal(body.data.custom_id, `upcreative:${singleJob}:0`);
    const before = h.current.stores.jobs.listForUser(bob.id).length;
    const edited = 'a red circle in the centre on a blue background, sharp';
    const result = await h.settled(
      h.discord.modalSubmit(opened, { prompt: edited, negative: 'blur' }, { user: bob }),
      60_000,
    );
    const child = h.current.stores.jobs.get(jobIdOf(result))!;
    assert.equal(h.current.stores.jobs.listForUser(bob.id).length, before + 1);
    assert.equal(child.kind, 'edit');
    assert.deepEqual(child.params.kind === 'edit' && child.params.edit, { kind: 'upscale', mode: 'creative' });
    assert.equal(child.params.prompt, edited);
    assert.equal(child.params.negativePrompt, 'blur');
    assert.equal(child.params.strength, 0.35);
    assert.equal(h.current.stores.usage.forJob(child.id)[0]!.kind, 'remix-upscale-creative');
    const img = h.current.stores.jobs.image(child.id, 0)!;
    assert.deepEqual([img.width, img.height], [128, 128]);
    const params = parseParameters(readPngParameters(img.png)!);
    assert.equal(params.prompt, edited);
    assert.equal(params.edit, 'upscale 2x creative');

    // Upscale (Subtle) has no prompt: it runs without a form, remix or not.
    const subtle = h.discord.clickButton(single.id, `upsubtle:${singleJob}:0`, { user: bob });
    const deferred = await h.discord.waitFor((r) => r.path === `/interactions/${subtle.id}/${subtle.token}/callback`);
    assert.equal((deferred.json as { type: number }).type, 5, 'deferred: it runs');
    const done = await h.settled(subtle, 60_000);
    const upscaled = h.current.stores.jobs.get(jobIdOf(done))!;
    assert.deepEqual(upscaled.params.kind === 'edit' && upscaled.params.edit, { kind: 'upscale', mode: 'subtle' });
    assert.equal(h.current.stores.usage.forJob(upscaled.id)[0]!.kind, 'upscale-subtle');
  });
});
