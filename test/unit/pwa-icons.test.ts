import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { manifest, PNG_ICONS } from '../../src/pwa/manifest';

const publicDir = new URL('../../public/', import.meta.url);

/** Just enough of a PNG reader for 8-bit RGB/RGBA, non-interlaced images (what Chromium writes). */
function readPng(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let width = 0,
    height = 0,
    colourType = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      expect(body[8]).toBe(8); // bit depth
      colourType = body[9];
      expect(body[12]).toBe(0); // not interlaced
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : NaN;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const alphaAt = (x: number, y: number) => (channels === 4 ? pixels[(y * width + x) * 4 + 3] : 255);
  const rgbAt = (x: number, y: number) => [
    ...pixels.subarray((y * width + x) * channels, (y * width + x) * channels + 3),
  ];
  return { width, height, alphaAt, rgbAt };
}

describe('app icons in public/', () => {
  it.each(PNG_ICONS)('$file is a $size px square PNG', ({ file, size }) => {
    const png = readPng(readFileSync(new URL(file, publicDir)));
    expect([png.width, png.height]).toEqual([size, size]);
  });

  it.each(PNG_ICONS)(
    '$file has transparent corners only when it is not maskable',
    ({ file, size, maskable }) => {
      const png = readPng(readFileSync(new URL(file, publicDir)));
      expect(png.alphaAt(0, 0)).toBe(maskable ? 255 : 0);
      expect(png.alphaAt(size - 1, size - 1)).toBe(maskable ? 255 : 0);
      // The centre is the radar's white dot, and the theme colour fills the space between rings.
      expect(png.rgbAt(size / 2, size / 2)).toEqual([0xf1, 0xfa, 0xee]);
      expect(png.rgbAt(size / 2, Math.round((size * 17) / 64))).toEqual([0x1d, 0x35, 0x57]);
    },
  );

  it('every icon the manifest lists exists, and it has the sizes installers need', () => {
    const icons = manifest.icons ?? [];
    for (const icon of icons) expect(existsSync(new URL(icon.src, publicDir)), icon.src).toBe(true);
    const png = icons.filter((i) => i.type === 'image/png').map((i) => `${i.sizes} ${i.purpose}`);
    expect(png).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  });
});
