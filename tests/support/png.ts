// Hand-built PNGs for tests: a real (tiny) grey image, or a header that claims any size over a few bytes of data
// (the shape of a decompression bomb, which a decoder would try to allocate).
import { crc32, deflateSync } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return chunk('IHDR', data);
}

/** A valid width x height grey RGB PNG. */
export function greyPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height, 0x7f);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0; // filter byte per row
  return Buffer.concat([
    signature,
    ihdr(width, height),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG whose header says width x height, with only a few bytes of (bogus) image data. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  return Buffer.concat([
    signature,
    ihdr(width, height),
    chunk('IDAT', deflateSync(Buffer.alloc(256))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
