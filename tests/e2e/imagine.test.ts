// /imagine end to end: the real discord.js client against the local Discord, a tiny model doing real inference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { readPngParameters } from '../../src/diffusion/png.ts';
import { customIds, jobIdOf, useBot } from '../support/bot.ts';

describe('/imagine end to end', () => {
  const h = useBot({ minEditIntervalMs: 0, specReport: false });

  it('defers at once, shows the queue place, then progress with a preview, then the grid with every button', async () => {
    const { discord } = h;
    const since = discord.requests.length;
    const handle = h.imagine({ prompt: 'a lighthouse at dusk --ar 3:2 --weird 40', seed: 42, steps: 6 });
    const final = await h.settled(handle);

    const mine = discord.requests
      .slice(since)
      .filter((r) => r.path.includes(handle.token) || r.path.includes(handle.id));
    const callback = mine[0]!;
    assert.equal(callback.path, `/interactions/${handle.id}/${handle.token}/callback`);
    assert.equal((callback.json as { type: number }).type, 5);
    const ack = discord.interaction(handle).ack!;
    assert.ok(ack.at - discord.interaction(handle).createdAt < 3000);

    const edits = mine.filter((r) => r.method === 'PATCH');
    const contents = edits.map((r) => String((r.json as { content?: string }).content ?? ''));
    assert.match(contents[0]!, /Waiting in the queue: \*\*#1\*\*/);
    assert.ok(
      contents.some((c) => /Painting: step \d of \d+ \(\d+%\)/.test(c)),
      `progress edits: ${contents.join(' | ')}`,
    );
    const previews = edits.filter((r) => r.files.some((f) => f.name === 'preview.png'));
    assert.ok(previews.length >= 1, 'a progress edit carries the preview image');
    // Previews are made only every so often (not every step): the steps in between keep showing the last one.
    const hasPreview = (r: (typeof edits)[number]) => r.files.some((f) => f.name === 'preview.png');
    const painting = edits.filter((r) => /Painting: step/.test(String((r.json as { content?: string }).content)));
    const firstPreview = painting.findIndex(hasPreview);
    assert.ok(firstPreview >= 0);
    assert.ok(painting.slice(firstPreview).every(hasPreview), 'every progress edit after the first preview shows one');
    assert.ok(edits.every((r) => r.response.status === 200));

    assert.match(final.content, /\*\*a lighthouse at dusk\*\*/);
    assert.match(final.content, /seeds 42–45 · 112×72|seeds 42–45 · 96×64/);
    assert.match(final.content, /`--weird 40` was not understood/);
    assert.deepEqual(customIds(final), [
      `upscale:${jobIdOf(final)}:0`,
      `upscale:${jobIdOf(final)}:1`,
      `upscale:${jobIdOf(final)}:2`,
      `upscale:${jobIdOf(final)}:3`,
      `vary:${jobIdOf(final)}:0`,
      `vary:${jobIdOf(final)}:1`,
      `vary:${jobIdOf(final)}:2`,
      `vary:${jobIdOf(final)}:3`,
      `reroll:${jobIdOf(final)}`,
      `info:${jobIdOf(final)}`,
      `delete:${jobIdOf(final)}`,
    ]);
    assert.equal(final.files.length, 1);
    const grid = final.files[0]!;
    assert.match(grid.filename, /^atelier-\d+-grid\.png$/);
    const meta = await sharp(grid.bytes).metadata();
    const job = h.stores.jobs.get(jobIdOf(final))!;
    assert.deepEqual([meta.width, meta.height], [job.params.width * 2, job.params.height * 2]);
    const parameters = readPngParameters(grid.bytes)!;
    assert.match(parameters, /^a lighthouse at dusk\n/);
    assert.match(parameters, /Steps: 6, .*Seed: 42, Size: \d+x\d+, Model: .*Grid: 2x2/);

    assert.equal(job.state, 'done');
    assert.equal(job.messageId, final.id);
    const usage = h.stores.usage.forJob(job.id);
    assert.equal(usage.length, 1);
    assert.equal(usage[0]!.decision, 'accepted');
    assert.equal(usage[0]!.outcome, 'done');
    assert.deepEqual(discord.unknownRoutes, []);
    assert.equal(discord.specReport(), '');
  });

  it("re-encodes a grid larger than the interaction's attachment_size_limit, and the upload is accepted", async () => {
    const handle = h.imagine({ prompt: 'a busy market, every detail', aspect: '16:9' }, { attachmentSizeLimit: 8000 });
    const final = await h.settled(handle);
    const file = final.files[0]!;
    assert.match(file.filename, /^atelier-\d+-grid\.(webp|jpg)$/);
    assert.ok(file.bytes.length <= 8000);
    assert.match(final.content, /too large for this channel, so it was re-encoded/);
    const uploads = h.discord.requests.filter((r) => r.path.includes(handle.token) && r.files.length > 0);
    assert.ok(
      uploads.every((r) => r.response.status === 200),
      'no 413 on the way',
    );
  });
});
