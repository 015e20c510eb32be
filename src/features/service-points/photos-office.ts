/** Photos of a service point uploaded by officers: re-encoded without their metadata (src/http/photos.ts). */
import { AppError, type FieldIssue } from '../../http/errors.js';
import { reencodePhoto, type ProcessedPhoto } from '../../http/photos.js';
import { defineMessages } from '../../i18n/index.js';

export const PHOTOS_PER_POINT = 12;

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

/** Checks and re-encodes an officer's upload (see src/http/photos.ts). */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length === 0) throw new AppError('invalid_input', [photoIssue('noFile')]);
  return reencodePhoto(input, { notImage: photoIssue('notImage'), tooManyPixels: photoIssue('tooManyPixels') });
}
