import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { UserError } from '../../src/errors.ts';
import {
  checkAttachment,
  checkDownloadUrl,
  downloadAttachment,
  inspectUpload,
  isImageAttachment,
  prepareInitImage,
  sniffFormat,
} from '../../src/discord/uploads.ts';
import { pngHeaderOnly } from '../support/png.ts';

const limits = { maxBytes: 100_000, maxPixels: 1024 * 1024, maxSide: 2048 };

const refused = (code: string, pattern: RegExp) => (e: unknown) =>
  e instanceof UserError && e.code === code && pattern.test(e.message);

describe('upload checks before decoding', () => {
  const base = {
    name: 'cat.png',
    url: 'http://x/cat.png',
    contentType: 'image/png',
    size: 1000,
    width: 100,
    height: 100,
  };

  it('accepts PNG, JPEG and WebP within the limits', () => {
    checkAttachment(base, limits);
    checkAttachment({ ...base, name: 'a.jpg', contentType: 'image/jpeg' }, limits);
    checkAttachment({ ...base, name: 'a.webp', contentType: null, width: null, height: null }, limits);
  });

  it('refuses other types, large files and huge dimensions from the metadata, with what to do', () => {
    assert.throws(
      () => checkAttachment({ ...base, name: 'notes.pdf', contentType: 'application/pdf' }, limits),
      refused('upload-type', /`notes.pdf` is a application\/pdf file.*Attach a PNG, JPEG or WebP/),
    );
    assert.throws(
      () => checkAttachment({ ...base, name: 'anim.gif', contentType: 'image/gif' }, limits),
      refused('upload-type', /image\/gif/),
    );
    assert.throws(
      () => checkAttachment({ ...base, size: 200_000 }, limits),
      refused('upload-size', /0\.2 MB; I accept images up to 0\.1 MB/),
    );
    assert.throws(
      () => checkAttachment({ ...base, width: 3000, height: 3000 }, limits),
      refused('upload-pixels', /3000x3000 pixels/),
    );
  });

  it('tells images from other attachments', () => {
    assert.equal(isImageAttachment({ name: 'x.bin', contentType: 'image/png' }), true);
    assert.equal(isImageAttachment({ name: 'x.txt', contentType: 'text/plain' }), false);
    assert.equal(isImageAttachment({ name: 'photo.JPG', contentType: null }), true);
  });

  it('reads the real type and size from the header: a bomb is refused without decoding it', async () => {
    const bomb = pngHeaderOnly(60000, 60000);
    assert.ok(bomb.length < 200);
    assert.equal(sniffFormat(bomb), 'png');
    await assert.rejects(
      inspectUpload(bomb, limits),
      refused('upload-pixels', /60000x60000 pixels \(3600\.0 megapixels\)/),
    );
    await assert.rejects(
      inspectUpload(Buffer.from('GIF89a....'), limits),
      refused('upload-type', /not a PNG, JPEG or WebP image/),
    );
    await assert.rejects(
      inspectUpload(Buffer.from('%PDF-1.7 hello'), limits),
      refused('upload-type', /whatever its name says/),
    );
  });

  it('prepares an upload as a PNG of the job size', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .jpeg()
      .toBuffer();
    assert.deepEqual(await inspectUpload(jpeg, limits), { format: 'jpeg', width: 300, height: 200 });
    const png = await prepareInitImage(jpeg, 96, 64, limits);
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, meta.channels], ['png', 96, 64, 3]);
  });

  it('downloads with a byte cap, whatever the server claims', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'image/png' }); // no length: streamed
        for (let i = 0; i < 30; i++) res.write(Buffer.alloc(10_000));
        res.end();
      } else if (req.url === '/missing') {
        res.writeHead(404).end();
      } else {
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(5000, 1));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const policy = { hosts: [], apiUrl: `${base}/api/v10`, timeoutMs: 5000 };
    try {
      assert.equal((await downloadAttachment(`${base}/ok`, limits, policy)).length, 5000);
      await assert.rejects(
        downloadAttachment(`${base}/big`, limits, policy),
        refused('upload-size', /more than 0\.1 MB/),
      );
      await assert.rejects(
        downloadAttachment(`${base}/missing`, limits, policy),
        refused('upload-download', /HTTP 404/),
      );
    } finally {
      server.close();
    }
  });

  it('one deadline for the whole download, polite errors for cut connections, no redirects', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((req, res) => {
      if (req.url === '/slow') {
        // Slow loris: headers at once, then a byte now and then, for ever.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
        const timer = setInterval(() => res.write(Buffer.alloc(1)), 100);
        res.on('close', () => clearInterval(timer));
      } else if (req.url === '/cut') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
        res.write(Buffer.alloc(1000));
        setTimeout(() => req.socket.destroy(), 50);
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else {
        res.writeHead(200).end(Buffer.alloc(10));
      }
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const policy = { hosts: ['cdn.discordapp.com', 'media.discordapp.net'], apiUrl: `${base}/api/v10`, timeoutMs: 600 };
    try {
      const start = Date.now();
      await assert.rejects(
        downloadAttachment(`${base}/slow`, limits, policy),
        refused('upload-timeout', /took longer than 0\.6 s.*try again/),
      );
      assert.ok(Date.now() - start < 3000, `gave up after ${Date.now() - start} ms`);
      await assert.rejects(
        downloadAttachment(`${base}/cut`, limits, policy),
        refused('upload-download', /failed .*cut.*try again/),
      );
      await assert.rejects(
        downloadAttachment(`${base}/redirect`, limits, policy),
        refused('upload-redirect', /redirect/),
      );
      for (const url of [
        'data:image/png;base64,iVBORw0KGgo=',
        'http://cdn.discordapp.com/a.png',
        'https://example.com/a.png',
        'https://cdn.discordapp.com:8443/a.png',
        'https://user:pw@cdn.discordapp.com/a.png',
        'file:///etc/passwd',
        `http://127.0.0.1:1/a.png`,
        'not a url',
      ]) {
        await assert.rejects(
          downloadAttachment(url, limits, policy),
          refused('upload-host', /only download pictures uploaded to Discord/),
          url,
        );
      }
      assert.equal(
        checkDownloadUrl('https://cdn.discordapp.com/attachments/1/2/a.png', policy).hostname,
        'cdn.discordapp.com',
      );
      assert.equal(checkDownloadUrl('https://MEDIA.discordapp.net/a.png', policy).hostname, 'media.discordapp.net');
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
