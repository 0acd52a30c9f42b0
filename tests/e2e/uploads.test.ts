// People's own pictures end to end: "Vary this image" on a message, /imagine with an image, and polite refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { InteractionHandle } from '../support/discord/index.ts';
import { jobIdOf, useBot } from '../support/bot.ts';
import { pngHeaderOnly } from '../support/png.ts';
import { insertChunkAfterIhdr, textChunk } from '../../src/diffusion/png.ts';

describe('uploaded pictures end to end', () => {
  let photo: Buffer;
  const h = useBot({ env: { UPLOAD_TIMEOUT_S: '2' }, specReport: false }, async () => {
    photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .jpeg()
      .toBuffer();
  });

  const refusal = async (handle: InteractionHandle) => {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    return h.discord.original(handle);
  };
  const lastRefusal = () =>
    h.stores.usage.list({ since: 0, until: Number.MAX_SAFE_INTEGER }, { decision: 'refused', limit: 1 })[0]!;

  /** Opens "Vary this image" on a message; returns the opener and the form's prefilled prompt. */
  const openForm = async (messageId: string, user = h.discord.users.alice) => {
    const opened = h.discord.contextMenu('Vary this image', messageId, { user });
    const callback = await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${opened.id}/`));
    const body = callback.json as {
      type: number;
      data: { custom_id: string; components: { component?: { custom_id: string; value?: string } }[] };
    };
    assert.equal(body.type, 9, 'a form, not a job');
    const prompt = body.data.components.map((c) => c.component).find((c) => c?.custom_id === 'prompt');
    return { opened, prefilled: prompt?.value ?? '' };
  };

  it('"Vary this image" on a member\'s photo opens a form (prompt from the text, a strength), then makes variations', async () => {
    const post = h.discord.userMessage(h.discord.channelId, {
      content: 'my dog at the beach <@' + h.discord.users.alice.id + '> **cute**',
      files: [{ name: 'dog.jpg', bytes: photo }],
    });
    const { opened, prefilled } = await openForm(post.id, h.discord.users.bob);
    assert.match(prefilled, /^my dog at the beach @alice cute$/i);
    const result = await h.settled(
      h.discord.modalSubmit(
        opened,
        { prompt: 'my dog at the beach', strength: ['0.35'] },
        { user: h.discord.users.bob },
      ),
    );
    const id = jobIdOf(result);
    const job = h.stores.jobs.get(id)!;
    assert.equal(job.kind, 'variation');
    assert.equal(job.userId, h.discord.users.bob.id);
    assert.equal(job.params.prompt, 'my dog at the beach');
    assert.equal(job.params.strength, 0.35);
    assert.equal(job.state, 'done');
    assert.deepEqual([job.params.width, job.params.height], [96, 64]); // the photo's 3:2 at the model's size
    const upload = h.stores.jobs.initImage(id)!;
    const meta = await sharp(upload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 96, 64]);
    assert.match(result.content, /variation of a posted image/);
    assert.equal(h.stores.usage.forJob(id)[0]!.kind, 'vary-this-image');
  });

  it('"Vary this image" on a plain upload: an empty prompt is a valid, unconditioned variation (no public failure)', async () => {
    const post = h.discord.userMessage(h.discord.channelId, { files: [{ name: 'only.jpg', bytes: photo }] });
    const { opened, prefilled } = await openForm(post.id);
    assert.equal(prefilled, '');
    const submitted = h.discord.modalSubmit(opened, { prompt: '', strength: ['0.5'] });
    const result = await h.settled(submitted, 30_000);
    const job = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(job.state, 'done', result.content);
    assert.equal(job.params.prompt, '');
    assert.equal(job.params.guidanceScale, 0, 'guidance off without a prompt');
    assert.doesNotMatch(result.content, /prompt is empty/);
  });

  it('"Vary this image" prefills the prompt from a PNG\'s own parameters', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .png()
      .toBuffer();
    const withParams = insertChunkAfterIhdr(
      png,
      textChunk('parameters', 'a red square on white\nNegative prompt: blurry\nSteps: 20, Seed: 4'),
    );
    const post = h.discord.userMessage(h.discord.channelId, {
      content: 'look what I made',
      files: [{ name: 'made.png', bytes: withParams }],
    });
    const { prefilled } = await openForm(post.id);
    assert.equal(prefilled, 'a red square on white');
  });

  it('"Vary this image" on a result reuses its prompt', async () => {
    const grid = await h.settled(h.imagine({ prompt: 'an old stone bridge' }));
    const { opened, prefilled } = await openForm(grid.id);
    assert.equal(prefilled, 'an old stone bridge');
    const result = await h.settled(h.discord.modalSubmit(opened, { prompt: prefilled, strength: ['0.5'] }));
    const job = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(job.params.prompt, 'an old stone bridge');
    assert.deepEqual([job.params.width, job.params.height], [64, 64]);
  });

  it('/imagine with an image starts from it', async () => {
    const result = await h.settled(
      h.imagine(
        { prompt: 'as a watercolour', strength: 0.8 },
        { attachments: { image: { name: 'photo.jpg', bytes: photo } } },
      ),
    );
    const job = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(job.kind, 'imagine');
    assert.equal(job.params.strength, 0.8);
    assert.ok(h.stores.jobs.initImage(job.id));
    assert.match(result.content, /from an uploaded image \(strength 0\.8\)/);
  });

  it('Reroll of a job from an upload reuses its stored picture by reference: nothing read, hashed or written again', async () => {
    const result = await h.settled(
      h.imagine(
        { prompt: 'as an oil painting', strength: 0.7 },
        { attachments: { image: { name: 'photo.jpg', bytes: photo } } },
      ),
    );
    const parent = jobIdOf(result);
    const upload = h.stores.jobs.inputRef(parent, 'init')!;
    const files = h.stores.jobs.files;
    const calls = { readSync: 0, putSync: 0, put: 0 };
    let results = 0;
    const { readSync, putSync, put } = files;
    files.readSync = (sha) => (calls.readSync++, readSync(sha));
    files.putSync = (png) => (calls.putSync++, putSync(png));
    files.put = (png) => (calls.put++, put(png));
    try {
      const again = await h.settled(h.discord.clickButton(result.id, `reroll:${parent}`));
      const child = h.stores.jobs.get(jobIdOf(again))!;
      assert.equal(child.state, 'done');
      assert.equal(child.params.strength, 0.7);
      assert.deepEqual(h.stores.jobs.inputRef(child.id, 'init'), upload, 'the same stored file');
      results += h.stores.jobs.images(child.id).length;
    } finally {
      Object.assign(files, { readSync, putSync, put });
    }
    // Only the results were written (off the thread); the upload was neither read synchronously nor stored again.
    assert.deepEqual([calls.readSync, calls.putSync], [0, 0]);
    assert.equal(calls.put, results, 'one put per result image, none for the upload');
  });

  it('refuses, privately and before downloading, a message without a picture, a non-image and an oversized one', async () => {
    const downloads = h.discord.downloads.length;
    const text = h.discord.userMessage(h.discord.channelId, { content: 'hello' });
    let answer = await refusal(h.discord.contextMenu('Vary this image', text.id));
    assert.equal(answer.ephemeral, true);
    assert.match(answer.content, /That message has no picture attached/);

    const pdf = h.discord.userMessage(h.discord.channelId, {
      files: [{ name: 'notes.pdf', bytes: Buffer.from('%PDF-1.7\n...'), contentType: 'application/pdf' }],
    });
    answer = await refusal(h.discord.contextMenu('Vary this image', pdf.id));
    assert.equal(answer.ephemeral, true);
    assert.match(answer.content, /attachment \(`notes\.pdf`\) is not a picture/);
    assert.equal(lastRefusal().reasonCode, 'no-image');

    const big = Buffer.concat([photo, Buffer.alloc(11 * 1024 * 1024)]);
    const huge = h.discord.userMessage(h.discord.channelId, {
      files: [{ name: 'huge.jpg', bytes: big, contentType: 'image/jpeg' }],
    });
    answer = await refusal(h.discord.contextMenu('Vary this image', huge.id));
    assert.equal(answer.ephemeral, true);
    assert.match(answer.content, /`huge\.jpg` is 11 MB; I accept images up to 10 MB/);
    assert.equal(lastRefusal().reasonCode, 'upload-size');

    answer = await refusal(
      h.imagine({ prompt: 'x' }, { attachments: { image: { name: 'bomb.png', bytes: pngHeaderOnly(40000, 40000) } } }),
    );
    assert.equal(answer.ephemeral, true);
    assert.match(answer.content, /40000x40000 pixels \(1600\.0 megapixels\)/);
    assert.equal(lastRefusal().reasonCode, 'upload-pixels');
    assert.equal(h.discord.downloads.length, downloads, 'nothing was downloaded');
  });

  it('checks the real bytes after downloading: a file that only claims to be a PNG is refused and not charged', async () => {
    const handle = h.imagine(
      { prompt: 'x' },
      {
        attachments: {
          image: { name: 'fake.png', bytes: Buffer.from('this is not a picture at all'), contentType: 'image/png' },
        },
      },
    );
    const answer = await h.discord.waitForMessage(
      (m) => m.interactionId === handle.id && /whatever its name says/.test(m.content),
    );
    assert.match(answer.content, /That file is not a PNG, JPEG or WebP image/);
    assert.equal(lastRefusal().reasonCode, 'upload-type');
    // Acknowledged privately first: nothing about it was ever public, not even for a moment.
    const shown = h.discord
      .messagesIn(h.discord.channelId, { includeDeleted: true })
      .filter((m) => m.interactionId === handle.id);
    assert.ok(
      shown.length > 0 && shown.every((m) => m.ephemeral),
      JSON.stringify(shown.map((m) => [m.content, m.ephemeral])),
    );
    assert.equal(
      h.discord.requests.filter((r) => r.method === 'DELETE' && r.path.includes(handle.token)).length,
      0,
      'nothing to take back',
    );
    const status = h.stores.quota.status({
      guildId: h.discord.guildId,
      userId: h.discord.users.alice.id,
      roleIds: [],
    });
    assert.equal(status.queued, 0);
    assert.equal(h.discord.specReport(), '');
  });

  it('a slow-loris or cut download is a polite, private refusal within the deadline, and the quota is refunded', async () => {
    for (const [mode, message, code] of [
      ['slow-loris', /took longer than 2 s, so I stopped\. Please try again/, 'upload-timeout'],
      ['cut', /download of your image from Discord failed .*Please try again/, 'upload-download'],
    ] as const) {
      h.discord.failDownloads(mode);
      const start = Date.now();
      const handle = h.imagine(
        { prompt: 'from my photo' },
        { attachments: { image: { name: 'dog.jpg', bytes: photo } } },
      );
      const answer = await h.discord.waitForMessage(
        (m) => m.interactionId === handle.id && m.ephemeral && message.test(m.content),
        { timeout: 15_000 },
      );
      assert.ok(Date.now() - start < 10_000, `${mode}: answered after ${Date.now() - start} ms`);
      assert.doesNotMatch(answer.content, /Something went wrong on our side/);
      assert.equal(lastRefusal().reasonCode, code);
      const status = h.stores.quota.status({
        guildId: h.discord.guildId,
        userId: h.discord.users.alice.id,
        roleIds: [],
      });
      assert.equal(status.queued, 0, `${mode}: nothing left reserved`);
    }
    assert.equal(h.discord.specReport(), '');
  });
});
