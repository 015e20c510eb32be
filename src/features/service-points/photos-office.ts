/**
 * Photos uploaded by officers: accepted only when their content is a JPEG, PNG or WebP image (read
 * by sharp, whatever the file name or declared type says), turned upright, shrunk to at most
 * 1600 px and re-encoded as WebP. Re-encoding drops every metadata block — EXIF with the camera's
 * GPS position, XMP, comments — so a photo taken at an officer's home never tells where it is.
 */
import sharp from 'sharp';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { defineMessages } from '../../i18n/index.js';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_MAX_EDGE = 1600;
export const PHOTOS_PER_POINT = 12;
/** A decompression bomb (a small file of a huge image) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export const photoMessages = defineMessages(
  {
    notImage: 'ไฟล์นี้ไม่ใช่ภาพ JPEG, PNG หรือ WebP (ระบบตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์) กรุณาเลือกภาพถ่ายอื่น',
    tooLarge: 'ไฟล์ภาพใหญ่เกิน 8 MB กรุณาย่อภาพหรือเลือกภาพที่เล็กลง',
    tooManyPixels: 'ภาพมีขนาดพิกเซลใหญ่เกินไป (เกิน 50 ล้านพิกเซล) กรุณาย่อภาพก่อนอัปโหลด',
    noFile: 'กรุณาเลือกไฟล์ภาพ',
    tooMany: (max: number) => `จุดบริการหนึ่งมีภาพได้ไม่เกิน ${max} ภาพ กรุณาลบภาพเก่าก่อน`,
    notMultipart: 'กรุณาส่งภาพผ่านแบบฟอร์มอัปโหลด',
    oneAtATime: 'กรุณาอัปโหลดทีละหนึ่งภาพ',
  },
  {
    notImage: 'This file is not a JPEG, PNG or WebP image (its content is checked, not its name). Please choose another photo',
    tooLarge: 'The photo is larger than 8 MB. Please shrink it or choose a smaller one',
    tooManyPixels: 'The image has too many pixels (over 50 million). Please shrink it before uploading',
    noFile: 'Please choose a photo file',
    tooMany: (max: number) => `A point can have at most ${max} photos. Please delete an old one first`,
    notMultipart: 'Please send the photo with the upload form',
    oneAtATime: 'Please upload one photo at a time',
  },
);

type PhotoMessage = Exclude<keyof (typeof photoMessages)['th'], 'tooMany'>;
export const photoIssue = (key: PhotoMessage): FieldIssue => ({ field: 'photo', th: photoMessages.th[key], en: photoMessages.en[key] });

export interface ProcessedPhoto {
  image: Buffer;
  width: number;
  height: number;
}

/** Checks and re-encodes an upload; throws a 415 AppError when it is not an accepted image. */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length === 0) throw new AppError('invalid_input', [photoIssue('noFile')]);
  let format: string | undefined;
  let pixels: number;
  try {
    const metadata = await sharp(input, { limitInputPixels: false }).metadata();
    format = metadata.format;
    pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  } catch (error) {
    throw new AppError('unsupported_media_type', [photoIssue('notImage')], { cause: error });
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new AppError('unsupported_media_type', [photoIssue('notImage')]);
  if (pixels > MAX_INPUT_PIXELS) throw new AppError('payload_too_large', [photoIssue('tooManyPixels')]);
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
    throw new AppError('unsupported_media_type', [photoIssue('notImage')], { cause: error });
  }
}
