/**
 * Photos attached to a complaint: accepted only when their content is a JPEG, PNG or WebP image
 * (read by sharp, whatever the file name or declared type says), turned upright, shrunk to at
 * most 1600 px and re-encoded as WebP. Re-encoding drops every metadata block — EXIF with the
 * phone's GPS position, XMP, comments — so a photo never tells where the complainant lives.
 */
import sharp from 'sharp';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { complaintMessages } from './messages.js';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_MAX_EDGE = 1600;
export const PHOTOS_PER_COMPLAINT = 3;
/** A decompression bomb (a small file of a huge image) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

const issue = (key: 'photoNotImage' | 'photoTooLarge' | 'photoTooManyPixels' | 'photoTooMany'): FieldIssue => ({
  field: 'photos',
  th: complaintMessages.th[key],
  en: complaintMessages.en[key],
});

export const photoTooLarge = (): AppError => new AppError('payload_too_large', [issue('photoTooLarge')]);
export const tooManyPhotos = (): AppError => new AppError('payload_too_large', [issue('photoTooMany')]);

export interface ProcessedPhoto {
  image: Buffer;
  width: number;
  height: number;
}

/** Checks and re-encodes one upload; throws a 415 AppError when it is not an accepted image, 413 when too big. */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  let format: string | undefined;
  let pixels: number;
  try {
    const metadata = await sharp(input, { limitInputPixels: false }).metadata();
    format = metadata.format;
    pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  } catch (error) {
    throw new AppError('unsupported_media_type', [issue('photoNotImage')], { cause: error });
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new AppError('unsupported_media_type', [issue('photoNotImage')]);
  if (pixels > MAX_INPUT_PIXELS) throw new AppError('payload_too_large', [issue('photoTooManyPixels')]);
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
    throw new AppError('unsupported_media_type', [issue('photoNotImage')], { cause: error });
  }
}
