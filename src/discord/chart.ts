/**
 * The images-per-day bar chart for /usage: an SVG string (pure, testable as text) rendered to PNG with sharp.
 */
import { loadSharp } from '../lazy-imports.ts';

export interface DayCount {
  /** 'YYYY-MM-DD' */
  day: string;
  images: number;
}

export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A round step for the y axis so that there are about four grid lines: 1, 2, 5, 10, 20, 50, ... */
export function niceStep(max: number, lines = 4): number {
  if (max <= lines) return 1;
  const raw = max / lines;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

/** The chart as SVG: one bar per day, oldest on the left, a value over each non-empty bar, dates under some. */
export function imagesPerDaySvg(days: readonly DayCount[], opts: ChartOptions = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 280;
  const pad = { left: 44, right: 14, top: 34, bottom: 36 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...days.map((d) => d.images));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#2b2d31"/>`);
  parts.push(
    `<text x="${pad.left}" y="22" font-family="DejaVu Sans, sans-serif" font-size="15" fill="#f2f3f5">` +
      `${escapeXml(opts.title ?? 'Images per day')}</text>`,
  );
  for (let v = 0; v <= top; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${yy}" y2="${yy}" stroke="#4e5058" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-family="DejaVu Sans, sans-serif" ` +
        `font-size="11" fill="#b5bac1">${v}</text>`,
    );
  }
  days.forEach((d, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const h = (d.images / top) * plotH;
    if (d.images > 0) {
      parts.push(
        `<rect class="bar" x="${x.toFixed(1)}" y="${y(d.images).toFixed(1)}" width="${barW.toFixed(1)}" ` +
          `height="${h.toFixed(1)}" rx="2" fill="#5865f2"><title>${escapeXml(d.day)}: ${d.images}</title></rect>`,
      );
      if (days.length <= 16) {
        parts.push(
          `<text x="${(x + barW / 2).toFixed(1)}" y="${(y(d.images) - 4).toFixed(1)}" text-anchor="middle" ` +
            `font-family="DejaVu Sans, sans-serif" font-size="11" fill="#f2f3f5">${d.images}</text>`,
        );
      }
    }
    // Counted from the newest day, so that today is always labelled and labels never crowd each other.
    if ((days.length - 1 - i) % labelEvery === 0) {
      parts.push(
        `<text x="${(x + barW / 2).toFixed(1)}" y="${height - pad.bottom + 16}" text-anchor="middle" ` +
          `font-family="DejaVu Sans, sans-serif" font-size="11" fill="#b5bac1">${escapeXml(d.day.slice(5))}</text>`,
      );
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    parts.join('') +
    '</svg>'
  );
}

/** The chart as PNG bytes. */
export async function imagesPerDayPng(days: readonly DayCount[], opts: ChartOptions = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(imagesPerDaySvg(days, opts)))
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
}
