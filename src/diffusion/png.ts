/**
 * PNG encoding with the generation parameters embedded, as Stable Diffusion tools do: a text chunk with the keyword
 * `parameters` holding AUTOMATIC1111's layout, so anyone can read back how an image was made.
 *
 *   a lighthouse at dusk
 *   Negative prompt: blurry
 *   Steps: 25, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 512x512, Model: sd15
 *
 * sharp encodes the pixels; the chunk is spliced in right after IHDR. Text that Latin-1 can hold goes in a tEXt
 * chunk; anything else (emoji, CJK) in an uncompressed iTXt chunk (UTF-8), the choice Pillow makes for A1111.
 */
import { loadSharp } from '../lazy-imports.ts';

export interface PngParameters {
  prompt: string;
  negativePrompt?: string | undefined;
  steps: number;
  sampler: string;
  cfgScale: number;
  seed: number;
  width: number;
  height: number;
  model: string;
  /** img2img only. */
  denoisingStrength?: number | undefined;
  /** --chaos (1-100): how far the grid's images were spread apart (absent: 0). */
  chaos?: number | undefined;
  /** Inpainting: the feather radius of the mask in pixels (A1111's "Mask blur"). */
  maskBlur?: number | undefined;
  /** What edit made the image ("region left half", "zoom out 2x", "pan left", "upscale 2x ..."); no commas. */
  edit?: string | undefined;
  /** The decoder when it was not the model's own VAE (A1111's `VAE:` field), e.g. "TAESD". */
  vae?: string | undefined;
  /** How the init image was fitted when its aspect differed: "Crop and resize from 1200x800"; no commas. */
  resizeMode?: string | undefined;
}

export function formatParameters(p: PngParameters): string {
  const lines = [p.prompt];
  if (p.negativePrompt) lines.push(`Negative prompt: ${p.negativePrompt}`);
  const fields = [
    `Steps: ${p.steps}`,
    `Sampler: ${p.sampler}`,
    `CFG scale: ${p.cfgScale}`,
    `Seed: ${p.seed}`,
    `Size: ${p.width}x${p.height}`,
    `Model: ${p.model}`,
  ];
  if (p.denoisingStrength !== undefined) fields.push(`Denoising strength: ${p.denoisingStrength}`);
  if (p.chaos !== undefined) fields.push(`Chaos: ${p.chaos}`);
  if (p.maskBlur !== undefined) fields.push(`Mask blur: ${p.maskBlur}`);
  if (p.resizeMode) fields.push(`Resize mode: ${p.resizeMode.replace(/[,\n]/g, ';')}`);
  if (p.edit) fields.push(`Edit: ${p.edit.replace(/[,\n]/g, ';')}`);
  if (p.vae) fields.push(`VAE: ${p.vae.replace(/[,\n]/g, ';')}`);
  lines.push(fields.join(', '));
  return lines.join('\n');
}

/** Parses A1111's layout back (the last line holds `Key: value` fields; a `Negative prompt:` line is optional). */
export function parseParameters(text: string): PngParameters {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const fields = new Map<string, string>();
  for (const m of last.matchAll(/\s*([\w ]+):\s*([^,]*)(?:,|$)/g)) fields.set(m[1]!.trim(), m[2]!.trim());
  const negIndex = lines.findIndex((l) => l.startsWith('Negative prompt: '));
  const prompt = (negIndex >= 0 ? lines.slice(0, negIndex) : lines).join('\n');
  const negativePrompt = negIndex >= 0 ? lines.slice(negIndex).join('\n').slice('Negative prompt: '.length) : undefined;
  const [w, h] = (fields.get('Size') ?? '0x0').split('x').map(Number);
  const strength = fields.get('Denoising strength');
  const maskBlur = fields.get('Mask blur');
  const chaos = fields.get('Chaos');
  return {
    prompt,
    negativePrompt,
    steps: Number(fields.get('Steps')),
    sampler: fields.get('Sampler') ?? '',
    cfgScale: Number(fields.get('CFG scale')),
    seed: Number(fields.get('Seed')),
    width: w ?? 0,
    height: h ?? 0,
    model: fields.get('Model') ?? '',
    denoisingStrength: strength === undefined ? undefined : Number(strength),
    ...(chaos !== undefined && { chaos: Number(chaos) }),
    ...(maskBlur !== undefined && { maskBlur: Number(maskBlur) }),
    ...(fields.has('Edit') && { edit: fields.get('Edit') }),
    ...(fields.has('Resize mode') && { resizeMode: fields.get('Resize mode') }),
    ...(fields.has('VAE') && { vae: fields.get('VAE') }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Chunks.

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as PNG defines it (ISO 3309; the same as zlib's). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function isLatin1(text: string): boolean {
  // tEXt allows Latin-1 printable text plus newline.
  return /^[\n\x20-\x7e\xa1-\xff]*$/.test(text);
}

/** A tEXt chunk (Latin-1) or, for other text, an uncompressed iTXt chunk (UTF-8). */
export function textChunk(keyword: string, text: string): Buffer {
  if (isLatin1(text))
    return chunk(
      'tEXt',
      Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]),
    );
  // iTXt: keyword\0 compression-flag(0) compression-method(0) language-tag\0 translated-keyword\0 text
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]),
  );
}

/** Inserts a chunk right after IHDR (readers look there first; A1111 and Pillow put text early too). */
export function insertChunkAfterIhdr(png: Uint8Array, chunkBytes: Uint8Array): Buffer {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE) || buf.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('insertChunkAfterIhdr: not a PNG');
  }
  const ihdrEnd = 8 + 12 + buf.readUInt32BE(8);
  return Buffer.concat([buf.subarray(0, ihdrEnd), chunkBytes, buf.subarray(ihdrEnd)]);
}

/** Every tEXt/iTXt chunk of a PNG, keyword -> text (CRC-checked). */
export function readPngText(png: Uint8Array): Map<string, string> {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('readPngText: not a PNG');
  const out = new Map<string, string>();
  let off = 8;
  while (off + 12 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (off + 12 + len > buf.length) throw new Error(`readPngText: chunk ${type} runs past the end`);
    if (crc32(buf.subarray(off + 4, off + 8 + len)) !== buf.readUInt32BE(off + 8 + len)) {
      throw new Error(`readPngText: bad CRC in ${type} chunk`);
    }
    if (type === 'tEXt') {
      const z = data.indexOf(0);
      out.set(data.toString('latin1', 0, z), data.toString('latin1', z + 1));
    } else if (type === 'iTXt') {
      const z = data.indexOf(0);
      const keyword = data.toString('latin1', 0, z);
      const compressed = data[z + 1] === 1;
      const langEnd = data.indexOf(0, z + 3);
      const transEnd = data.indexOf(0, langEnd + 1);
      if (!compressed) out.set(keyword, data.toString('utf8', transEnd + 1));
    } else if (type === 'IEND') break;
    off += 12 + len;
  }
  return out;
}

/** The `parameters` text of a PNG, or undefined when it has none. */
export function readPngParameters(png: Uint8Array): string | undefined {
  return readPngText(png).get('parameters');
}

/** Encodes interleaved RGB bytes as a PNG with an optional `parameters` chunk. */
export async function encodePng(
  rgb: Uint8Array,
  width: number,
  height: number,
  parameters?: string,
): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const png = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  const out = parameters === undefined ? png : insertChunkAfterIhdr(png, textChunk('parameters', parameters));
  return new Uint8Array(out); // a copy that owns its memory (Buffers may share a pool), cheap to send to another process
}
