// The /usage chart: SVG bars in proportion, rendered to a PNG that shows them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { imagesPerDayPng, imagesPerDaySvg, niceStep } from '../../src/discord/chart.ts';

const days = [
  { day: '2026-01-10', images: 0 },
  { day: '2026-01-11', images: 12 },
  { day: '2026-01-12', images: 3 },
  { day: '2026-01-13', images: 40 },
  { day: '2026-01-14', images: 0 },
  { day: '2026-01-15', images: 20 },
  { day: '2026-01-16', images: 7 },
];

test('niceStep picks round grid steps', () => {
  assert.equal(niceStep(3), 1);
  assert.equal(niceStep(10), 5);
  assert.equal(niceStep(40), 10);
  assert.equal(niceStep(170), 50);
  assert.equal(niceStep(9000), 5000);
});

test('one bar per non-empty day, heights in proportion, labels escaped', () => {
  const svg = imagesPerDaySvg(days, { title: 'Images <for> "alice" & co' });
  const bars = [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map((m) =>
    Number(m[1]),
  );
  assert.equal(bars.length, 5);
  // 40 and 20: the first twice the second.
  assert.ok(Math.abs(bars[2]! / bars[3]! - 2) < 0.01);
  assert.ok(svg.includes('Images &#60;for&#62; &#34;alice&#34; &#38; co'));
  assert.ok(svg.includes('>01-13<'));
});

test('the PNG shows the tallest bar where the SVG puts it', async () => {
  const png = await imagesPerDayPng(days);
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.width, 640);
  assert.equal(info.height, 280);
  const svg = imagesPerDaySvg(days);
  const m =
    /<rect class="bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*><title>2026-01-13/.exec(svg)!;
  const [x, y, w, hgt] = m.slice(1).map(Number) as [number, number, number, number];
  const pixel = (px: number, py: number) => {
    const i = (Math.round(py) * info.width + Math.round(px)) * info.channels;
    return [data[i], data[i + 1], data[i + 2]];
  };
  const inside = pixel(x + w / 2, y + hgt / 2);
  assert.ok(inside[2]! > 200 && inside[0]! < 120, `bar colour, got ${inside}`);
  const above = pixel(x + w / 2, y - 20);
  assert.ok(above[2]! < 100, `background above the bar, got ${above}`);
});

test('an empty period still renders', async () => {
  const png = await imagesPerDayPng(days.map((d) => ({ ...d, images: 0 })));
  assert.equal((await sharp(png).metadata()).format, 'png');
});
