/**
 * Uploaded photos (an office's service points, citizens' complaints): accepted only when their
 * content is a JPEG, PNG or WebP image (read by sharp, whatever the file name or declared type
 * says), turned upright, shrunk to at most 1600 px and re-encoded as WebP. Re-encoding drops every
 * metadata block — EXIF with the camera's GPS position, XMP, comments — so a photo never tells
 * where it was taken.
 */
import sharp from 'sharp';
import { AppError, type FieldIssue } from './errors.js';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_MAX_EDGE = 1600;
/** A decompression bomb (a small file of a huge image) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export interface ProcessedPhoto {
  image: Buffer;
  width: number;
  height: number;
}

/** The feature's own words for the two refusals, on the field of its form. */
export interface PhotoIssues {
  notImage: FieldIssue;
  tooManyPixels: FieldIssue;
}

/** Checks and re-encodes one upload; throws a 415 AppError when it is not an accepted image, 413 when it has too many pixels. */
export async function reencodePhoto(input: Buffer, issues: PhotoIssues): Promise<ProcessedPhoto> {
  let format: string | undefined;
  let pixels: number;
  try {
    const metadata = await sharp(input, { limitInputPixels: false }).metadata();
    format = metadata.format;
    pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  } catch (error) {
    throw new AppError('unsupported_media_type', [issues.notImage], { cause: error });
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new AppError('unsupported_media_type', [issues.notImage]);
  if (pixels > MAX_INPUT_PIXELS) throw new AppError('payload_too_large', [issues.tooManyPixels]);
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped, so photos stay upright.
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { image: data, width: info.width, height: info.height };
  } catch (error) {
    // A header that reads well over a body that does not decode (a truncated or forged file).
    throw new AppError('unsupported_media_type', [issues.notImage], { cause: error });
  }
}
