/**
 * People's own pictures (the /imagine image option and "Vary this image"), checked before anything decodes them:
 * the type, the byte size and the pixel dimensions are bounded first from Discord's attachment metadata, then
 * again from the downloaded bytes' header (sharp reads only the header for metadata), so a small file that
 * declares a gigantic image (a decompression bomb) is refused before a single pixel is inflated.
 */
import { loadSharp } from '../lazy-imports.ts';
import type { Attachment } from 'discord.js';
import { isUserError, UserError } from '../errors.ts';
import { localized, userError } from '../i18n/index.ts';
import type { Phrase } from '../i18n/types.ts';

export interface UploadLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest image accepted, in pixels (width x height). */
  maxPixels: number;
  /** Longest side accepted, in pixels. */
  maxSide: number;
}

export const defaultUploadLimits: Readonly<UploadLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 4096 * 4096,
  maxSide: 8192,
});

/** What the pipeline reads. GIF and SVG are left out: animation and scripts are not pictures to start from. */
const accepted: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
};
/** The parts of a Discord attachment the checks need. */
export interface AttachmentInfo {
  name: string;
  url: string;
  contentType: string | null;
  size: number;
  width: number | null;
  height: number | null;
}

/** "0.2 MB", "11 MB" ("0,2 MB" in German), said in the language of the message it is in. */
function mb(bytes: number): Phrase {
  const digits = bytes < 10 * 1024 * 1024 ? 1 : 0;
  return (lang) =>
    new Intl.NumberFormat(lang, {
      style: 'unit',
      unit: 'megabyte',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(Number((bytes / 1024 / 1024).toFixed(digits)));
}

/** "3600.0" megapixels, one decimal, in the language. */
function megapixels(px: number): Phrase {
  return (lang) =>
    new Intl.NumberFormat(lang, { useGrouping: false, minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      px / 1e6,
    );
}

/** The format from the file's first bytes, or null. */
export function sniffFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | 'gif' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 6 && b.toString('latin1', 0, 3) === 'GIF') return 'gif';
  return null;
}

/** Whether an attachment looks like a picture at all (for picking one off a message). */
export function isImageAttachment(a: Pick<AttachmentInfo, 'name' | 'contentType'>): boolean {
  if (a.contentType) return a.contentType.toLowerCase().startsWith('image/');
  return /\.(png|jpe?g|webp|gif|bmp|tiff?|avif|heic)$/iu.test(a.name);
}

function checkDimensions(width: number, height: number, limits: UploadLimits): void {
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    throw userError('upload-pixels', 'upload.pixels', {
      width,
      height,
      megapixels: megapixels(width * height),
      max: megapixels(limits.maxPixels),
      side: limits.maxSide,
    });
  }
}

/**
 * Checks an attachment from Discord's metadata alone, before downloading it: its type, its size and (when Discord
 * knows them) its dimensions. Throws a UserError that says what was wrong and what to do.
 */
export function checkAttachment(a: AttachmentInfo, limits: UploadLimits = defaultUploadLimits): void {
  const type = a.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const byName = /\.(png|jpe?g|webp)$/iu.test(a.name);
  if (type ? !accepted[type] : !byName) {
    throw type
      ? userError('upload-type', 'upload.type', { file: a.name, type })
      : userError('upload-type', 'upload.unknownType', { file: a.name });
  }
  if (a.size > limits.maxBytes) {
    throw userError('upload-size', 'upload.size', { file: a.name, size: mb(a.size), max: mb(limits.maxBytes) });
  }
  if (a.width !== null && a.height !== null) checkDimensions(a.width, a.height, limits);
}

/**
 * Where members' pictures may be downloaded from, and how long the whole download may take: https on Discord's
 * attachment hosts (UPLOAD_HOSTS), plus the configured Discord API's own origin (the local stand-in serves its CDN
 * there). No redirects are followed, so an allowed URL cannot send the bot anywhere else.
 */
export interface DownloadPolicy {
  hosts: readonly string[];
  /** DISCORD_API_URL: its scheme, host and port are allowed as well. */
  apiUrl: string;
  /** One deadline for the whole download: connecting, headers and every byte of the body. */
  timeoutMs: number;
}

export function downloadPolicy(config: {
  uploads: { hosts: readonly string[]; timeoutMs: number };
  discord: { apiUrl: string };
}): DownloadPolicy {
  return { hosts: config.uploads.hosts, apiUrl: config.discord.apiUrl, timeoutMs: config.uploads.timeoutMs };
}

/** The URL when the policy allows it; a UserError otherwise (data:, http:, other hosts, other ports). */
export function checkDownloadUrl(url: string, policy: DownloadPolicy): URL {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  const api = new URL(policy.apiUrl);
  const ok =
    parsed !== null &&
    !parsed.username &&
    !parsed.password &&
    ((parsed.protocol === 'https:' && parsed.port === '' && policy.hosts.includes(parsed.hostname.toLowerCase())) ||
      parsed.origin === api.origin);
  if (!ok || !parsed) {
    throw userError('upload-host', 'upload.host');
  }
  return parsed;
}

/**
 * Downloads an attachment within the policy's one deadline, refusing (and stopping) past maxBytes whatever the
 * server claims. Every network failure (refused, cut, too slow, a redirect) is a UserError that says what to do.
 */
export async function downloadAttachment(url: string, limits: UploadLimits, policy: DownloadPolicy): Promise<Buffer> {
  const target = checkDownloadUrl(url, policy);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const seconds = Math.round(policy.timeoutMs / 100) / 10;
  const failed = (err: unknown): UserError => {
    if (isUserError(err)) return err;
    if (signal.aborted) {
      const text = localized('upload.timeout', { seconds });
      return new UserError(text.message, 'upload-timeout', { cause: err, localized: text.localized });
    }
    const text = localized('upload.failed');
    return new UserError(text.message, 'upload-download', { cause: err, localized: text.localized });
  };
  try {
    const res = await fetch(target, { signal, redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw userError('upload-redirect', 'upload.redirect');
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw userError('upload-download', 'upload.http', { status: String(res.status) });
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await res.body.cancel().catch(() => undefined);
      throw userError('upload-size', 'upload.tooBig', { size: mb(declared), max: mb(limits.maxBytes) });
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limits.maxBytes) {
          throw userError('upload-size', 'upload.overMax', { max: mb(limits.maxBytes) });
        }
        chunks.push(Buffer.from(value));
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(chunks);
  } catch (err) {
    throw failed(err);
  }
}

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
}

/** Reads type and dimensions from the bytes' header only (no decoding) and checks them. */
export async function inspectUpload(
  bytes: Uint8Array,
  limits: UploadLimits = defaultUploadLimits,
): Promise<ImageHeader> {
  if (bytes.byteLength > limits.maxBytes) {
    throw userError('upload-size', 'upload.tooBig', { size: mb(bytes.byteLength), max: mb(limits.maxBytes) });
  }
  const format = sniffFormat(bytes);
  if (format === null || format === 'gif') {
    throw userError('upload-type', 'upload.notImage');
  }
  let meta: { width?: number | undefined; height?: number | undefined; orientation?: number | undefined };
  try {
    const sharp = await loadSharp();
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    const text = localized('upload.damaged');
    throw new UserError(text.message, 'upload-corrupt', { cause: err, localized: text.localized });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!width || !height) throw userError('upload-corrupt', 'upload.noSize');
  // EXIF orientations 5-8 swap the sides once rotated.
  const rotated = (meta.orientation ?? 1) >= 5;
  checkDimensions(rotated ? height : width, rotated ? width : height, limits);
  return { format, width: rotated ? height : width, height: rotated ? width : height };
}

/**
 * Decodes a checked upload (pixels bounded by limits) and returns it as a PNG of exactly width x height, cropped
 * to that shape from the centre and upright. Metadata (EXIF, GPS) is dropped on the way.
 */
export async function prepareInitImage(
  bytes: Uint8Array,
  width: number,
  height: number,
  limits: UploadLimits = defaultUploadLimits,
): Promise<Uint8Array> {
  try {
    const sharp = await loadSharp();
    const png = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .rotate()
      .resize(width, height, { fit: 'cover', position: 'centre' })
      .flatten({ background: '#ffffff' }) // transparent parts become white, not whatever colour hid under them
      .png({ compressionLevel: 6 })
      .toBuffer();
    return new Uint8Array(png);
  } catch (err) {
    const text = localized('upload.damaged');
    throw new UserError(text.message, 'upload-corrupt', { cause: err, localized: text.localized });
  }
}

/** The checked fields of a discord.js attachment. */
export function attachmentInfo(
  a: Pick<Attachment, 'name' | 'url' | 'contentType' | 'size' | 'width' | 'height'>,
): AttachmentInfo {
  return { name: a.name, url: a.url, contentType: a.contentType, size: a.size, width: a.width, height: a.height };
}

/** Downloads a checked attachment, checks its real header, and returns it as a PNG of the job's size. */
export async function fetchInitImage(
  a: AttachmentInfo,
  width: number,
  height: number,
  policy: DownloadPolicy,
  limits: UploadLimits = defaultUploadLimits,
): Promise<Uint8Array> {
  const bytes = await downloadAttachment(a.url, limits, policy);
  await inspectUpload(bytes, limits);
  return prepareInitImage(bytes, width, height, limits);
}
