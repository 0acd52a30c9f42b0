// The playground in a real browser (Debian's Chromium through playwright-core) against the real product: `npm start`'s
// entry point with no Discord token, the bundled demo model, a real SQLite file. The checker judges the images the
// page shows; the database shows the jobs as the local user "playground"; the history survives a restart.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { allMatch, checkImage, parseCaption } from '../../src/demo/checker.ts';
import { launchChromium, startApp, type App } from '../support/playground.ts';
import { freePort } from '../support/ports.ts';

// Browser globals, in the functions that run inside the page (the project compiles without the DOM library).
declare const document: {
  querySelectorAll(
    s: string,
  ): Array<{ getAttribute(n: string): string | null; querySelectorAll(s: string): ArrayLike<unknown> }>;
  getElementById(id: string): object | null;
  documentElement: { scrollWidth: number };
};
declare const window: { innerWidth: number };
declare const MutationObserver: new (cb: () => void) => { observe(target: object, opts: object): void };
declare const DataTransfer: new () => { items: { add(f: unknown): void } };
declare const File: new (parts: unknown[], name: string, opts: { type: string }) => unknown;
declare const DragEvent: new (type: string, init: object) => unknown;
type HTMLElement = { dataset: Record<string, string | undefined> };
type HTMLImageElement = { src: string };

const caption = 'a red circle on the left on a blue background';
/** Where the run leaves its screenshot for a person to look at (git-ignored). */
const shotDir = fileURLToPath(new URL('../../.tmp/playground/', import.meta.url));

describe('the playground in a browser', { timeout: 240_000 }, () => {
  let dir: string;
  let port: number;
  let app: App;
  let browser: Browser;
  let page: Page;
  const env = () => ({ DATABASE_PATH: join(dir, 'atelier.db'), PLAYGROUND_PORT: String(port) });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-playground-'));
    port = await freePort();
    [app, browser] = await Promise.all([startApp(env(), dir), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const jobs = () => page.locator('#feed > li');
  const lastJob = () => jobs().last();

  /** The PNG bytes behind each image of a job item, fetched by the page itself, decoded and judged. */
  async function judged(job: ReturnType<Page['locator']>) {
    const sources = await job.locator('.grid img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    return Promise.all(
      sources.map(async (src) => {
        const bytes = await page.evaluate(
          async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())),
          src,
        );
        const { data, info } = await sharp(Buffer.from(bytes))
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        const rgb = new Uint8Array(data);
        return {
          rgb,
          width: info.width,
          height: info.height,
          verdict: checkImage(rgb, info.width, info.height, parseCaption(caption)),
        };
      }),
    );
  }

  it('says on one line where it is, after the Discord steps', () => {
    assert.match(app.output(), /discord\.com\/developers\/applications/);
    assert.equal(app.url, `http://127.0.0.1:${port}/`);
    assert.match(app.output(), /playground is at http:\/\/127\.0\.0\.1:\d+\/ \(PLAYGROUND_PORT=0 turns it off\)/);
  });

  it('Imagine: the progress bar moves, then four images the checker accepts', async () => {
    await page.goto(app.url);
    // The page is up while the model still loads; the header says when it is ready.
    await page.waitForSelector('body[data-ready="true"][data-model="ready"]', { timeout: 60_000 });
    assert.match((await page.locator('#model').textContent()) ?? '', /^demo · cpu$/);
    const prompt = page.getByRole('textbox', { name: 'Prompt' });
    await prompt.fill(`${caption} --seed 1234`);
    // Record every value the progress bar shows, from the page itself.
    await page.evaluate(() => {
      const seen: number[] = [];
      const g = globalThis as unknown as { seen: number[]; previews: number };
      g.seen = seen;
      g.previews = 0;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]'))
          seen.push(Number(bar.getAttribute('aria-valuenow')));
        g.previews += document.querySelectorAll('img.preview').length;
      }).observe(document.getElementById('feed')!, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Imagine' }).click();
    const job = lastJob();
    // The bar is checked through the observer's record below, not by waiting to see it: on a busy machine a short job
    // can show and remove it between two of Playwright's polls (a CI run waited 60 s for a bar already gone).
    await job.locator('.grid img').nth(3).waitFor({ timeout: 90_000 });
    const { seen, previews } = await page.evaluate(() => {
      const g = globalThis as unknown as { seen: number[]; previews: number };
      return { seen: g.seen, previews: g.previews };
    });
    assert.ok(seen.length > 0, 'the progress bar was shown');
    assert.ok(previews > 0, 'the live preview was shown while painting');
    assert.ok(
      new Set(seen.filter((v) => v > 0 && v < 100)).size >= 2,
      `the bar moved through several values: ${seen.join(',')}`,
    );
    assert.equal(await job.getByRole('progressbar').count(), 0, 'the bar is gone once the images are there');

    const images = job.getByRole('img', { name: new RegExp(`^${caption} \\(image \\d of 4`) });
    assert.equal(await images.count(), 4, 'alt text starts with the prompt as parsed (no flags)');
    const verdicts = await judged(job);
    const accepted = verdicts.filter((v) => allMatch(v.verdict)).length;
    assert.ok(
      accepted >= 3,
      `the checker accepts at least 3 of 4: ${JSON.stringify(verdicts.map((v) => v.verdict.detected))}`,
    );
    for (const name of ['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4', 'Reroll']) {
      assert.equal(await job.getByRole('button', { name, exact: true }).count(), 1, `a button named ${name}`);
    }
    mkdirSync(shotDir, { recursive: true });
    await page.screenshot({ path: join(shotDir, 'after-generation.png') });
  });

  it('U2 shows that image alone, with Vary (Subtle) and Vary (Strong)', async () => {
    const grid = lastJob();
    const gridBytes = (await judged(grid))[1]!.rgb;
    const before = await jobs().count();
    await grid.getByRole('button', { name: 'U2', exact: true }).click();
    await page.waitForFunction((n) => document.querySelectorAll('#feed > li').length === n + 1, before);
    const single = lastJob();
    await single.locator('.grid img').first().waitFor();
    assert.equal(await single.locator('.grid img').count(), 1);
    assert.deepEqual((await judged(single))[0]!.rgb, gridBytes, 'the same picture as image 2');
    for (const name of ['Vary (Subtle)', 'Vary (Strong)', 'Vary (Region)', 'Pan left'])
      assert.equal(await single.getByRole('button', { name, exact: true }).count(), 1);
  });

  it('V3 makes a new grid', async () => {
    const grid = jobs().nth(-2);
    await grid.getByRole('button', { name: 'V3', exact: true }).click();
    const varied = lastJob();
    await page.waitForFunction(
      () => {
        const items = document.querySelectorAll('#feed > li');
        return items[items.length - 1]!.querySelectorAll('.grid img').length === 4;
      },
      undefined,
      { timeout: 90_000 },
    );
    assert.match((await varied.locator('.content').textContent()) ?? '', /variation of image 3/);
    const verdicts = await judged(varied);
    assert.ok(verdicts.filter((v) => allMatch(v.verdict)).length >= 3, 'variations keep the meaning');
  });

  it('a region painted with the mouse over the left half, with a new prompt, changes only the left half', async () => {
    const single = jobs().nth(1);
    const [source] = await judged(single);
    await single.getByRole('button', { name: 'Vary (Region)', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit a region' });
    await dialog.waitFor();
    assert.equal(
      await dialog.getByRole('textbox', { name: 'Region prompt' }).inputValue(),
      caption,
      "prefilled with the picture's prompt",
    );
    // Nothing painted yet (a stroke, then the eraser over it, then Clear): Run says what to do.
    const mask = dialog.getByRole('img', { name: /Mask/ });
    const m = (await mask.boundingBox())!;
    await page.mouse.move(m.x + 0.7 * m.width, m.y + 0.5 * m.height);
    await page.mouse.down();
    await page.mouse.move(m.x + 0.9 * m.width, m.y + 0.5 * m.height, { steps: 4 });
    await page.mouse.up();
    await dialog.getByRole('radio', { name: 'Eraser' }).check();
    await dialog.getByRole('button', { name: 'Clear' }).click();
    await dialog.getByRole('radio', { name: 'Brush' }).check();
    await dialog.getByRole('textbox', { name: 'Region prompt' }).fill('a yellow star');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Paint over the part of the picture to change first.' })
      .waitFor();
    await dialog.getByRole('slider', { name: 'Size' }).fill('16');
    const box = (await dialog.getByRole('img', { name: /Mask/ }).boundingBox())!;
    // Strokes whose brush (16% of the width) stays left of 48% of the picture.
    for (let fy = 0.04; fy <= 0.97; fy += 0.06) {
      await page.mouse.move(box.x + 0.08 * box.width, box.y + fy * box.height);
      await page.mouse.down();
      await page.mouse.move(box.x + 0.4 * box.width, box.y + fy * box.height, { steps: 6 });
      await page.mouse.up();
    }
    await dialog
      .getByRole('textbox', { name: 'Region prompt' })
      .fill('a yellow star on the left on a blue background --seed 5');
    const before = await jobs().count();
    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction(
      (n) => {
        const items = document.querySelectorAll('#feed > li');
        return items.length === n + 1 && items[items.length - 1]!.querySelectorAll('.grid img').length === 4;
      },
      before,
      { timeout: 90_000 },
    );
    assert.match((await lastJob().locator('.content').textContent()) ?? '', /mask playground brush/);
    const edited = await judged(lastJob());
    // Reroll makes the same edit again with new seeds (the painted mask goes along).
    await lastJob().getByRole('button', { name: 'Reroll', exact: true }).click();
    await page.waitForFunction(
      (n) => {
        const items = document.querySelectorAll('#feed > li');
        return items.length === n + 2 && items[items.length - 1]!.querySelectorAll('.grid img').length === 4;
      },
      before,
      { timeout: 90_000 },
    );
    const rerolled = await judged(lastJob());
    assert.notDeepEqual(rerolled[0]!.rgb, edited[0]!.rgb, 'new seeds, other pixels');
    const { width, height } = source!;
    for (const e of [...edited, ...rerolled]) {
      assert.deepEqual([e.width, e.height], [width, height]);
      let left = 0;
      let right = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < 3; c++) {
            const d = Math.abs(e.rgb[(y * width + x) * 3 + c]! - source!.rgb[(y * width + x) * 3 + c]!);
            if (x < width * 0.4) left += d;
            else if (x >= width * 0.56) right += d;
          }
        }
      }
      const n = height * width * 0.4 * 3;
      assert.ok(right / n < 1, `the right half is kept (mean difference ${(right / n).toFixed(2)})`);
      assert.ok(left / n > 10, `the left half is repainted (mean difference ${(left / n).toFixed(2)})`);
    }
  });

  it('a link from Discord (#paint=job:image) opens the painter on that image, prefilled with its prompt', async () => {
    const single = jobs().nth(1);
    const jobId = await single.evaluate((li) => (li as unknown as HTMLElement).dataset.jobId);
    await page.goto(`${app.url}#paint=${jobId}:0`);
    const dialog = page.getByRole('dialog', { name: 'Edit a region' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Region prompt' }).inputValue(), caption);
    const src = await page.locator('#editor-image').evaluate((img) => (img as unknown as HTMLImageElement).src);
    assert.equal(new URL(src).pathname, `/api/paint/${jobId}/0/image`);
    assert.equal(new URL(page.url()).hash, '', 'the fragment is consumed, so a reload does not reopen it');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${app.url}#paint=999999:0`);
    await page.getByText('Job #999999', { exact: false }).first().waitFor();
  });

  it('a bad flag shows an inline error from the same validation, and starts nothing', async () => {
    const count = await jobs().count();
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a blue star --ar 99:1');
    await page.getByRole('button', { name: 'Imagine' }).click();
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: '--ar 99:1 is too extreme' }).waitFor());
    assert.equal(await jobs().count(), count);
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a blue star --steps lots');
    await page.getByRole('button', { name: 'Imagine' }).click();
    await page.getByRole('alert').filter({ hasText: '--steps takes a whole number' }).waitFor();
  });

  it('Info shows the parameters', async () => {
    await jobs().first().getByRole('button', { name: 'Info', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'How these images were made' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Seed\s*1234, 1235, 1236, 1237/);
    assert.match(text, new RegExp(caption));
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('a picture dropped on the page shows its parameters and can be varied', async () => {
    const first = jobs().first();
    const src = await first.locator('.grid img').first().getAttribute('src');
    const bytes = await page.evaluate(
      async (u) => Array.from(new Uint8Array(await (await fetch(u!)).arrayBuffer())),
      src,
    );
    await page.evaluate((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'dropped.png', { type: 'image/png' }));
      (document as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }, bytes);
    const panel = page.getByRole('region', { name: 'Dropped picture' });
    await panel.getByText(/Seed: 1234/).waitFor();
    await panel.getByRole('button', { name: 'Use its prompt' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Prompt' }).inputValue(), caption);
    const before = await jobs().count();
    await panel.getByRole('button', { name: 'Vary this image' }).click();
    await page.waitForFunction(
      (n) => {
        const items = document.querySelectorAll('#feed > li');
        return items.length === n + 1 && items[items.length - 1]!.querySelectorAll('.grid img').length === 4;
      },
      before,
      { timeout: 90_000 },
    );
    assert.match((await lastJob().locator('.content').textContent()) ?? '', /variation of an uploaded image/);
    assert.ok(
      (await judged(lastJob())).filter((v) => allMatch(v.verdict)).length >= 3,
      'a variation of the dropped picture keeps its meaning',
    );
    await page.getByRole('textbox', { name: 'Prompt' }).fill('');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px too wide)`);
    assert.ok(await page.getByRole('button', { name: 'Imagine' }).isVisible());
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('the jobs are in the database as the user "playground", and the history survives a reload and a restart', async () => {
    const ids = await jobs().evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.jobId)));
    assert.equal(ids.length, 6);
    const db = new Database(join(dir, 'atelier.db'), { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT id, user_id, state FROM jobs WHERE id IN (${ids.join(',')}) ORDER BY id`)
        .all() as { id: number; user_id: string; state: string }[];
      assert.deepEqual(
        rows.map((r) => [r.id, r.user_id, r.state]),
        ids.map((id) => [id, 'playground', 'done']),
      );
      const usage = db
        .prepare("SELECT count(*) AS n FROM usage_log WHERE user_id = 'playground' AND decision = 'refused'")
        .get() as { n: number };
      assert.equal(usage.n, 2, 'both bad flags were logged as refusals');
    } finally {
      db.close();
    }
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(
      await jobs().evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.jobId))),
      ids,
    );

    assert.equal(await app.stop(), 0, 'a clean stop');
    app = await startApp(env(), dir);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(
      await jobs().evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.jobId))),
      ids,
    );
    assert.equal(await jobs().first().locator('.grid img').count(), 4);
  });
});
