/** Photos attached to a complaint: at most three, each re-encoded without its metadata (src/http/photos.ts). */
import { AppError, type FieldIssue } from '../../http/errors.js';
import { PHOTO_MAX_BYTES, reencodePhoto, type ProcessedPhoto } from '../../http/photos.js';
import { complaintMessages } from './messages.js';

export const PHOTOS_PER_COMPLAINT = 3;

const issue = (key: 'photoNotImage' | 'photoTooLarge' | 'photoTooManyPixels' | 'photoTooMany'): FieldIssue => ({
  field: 'photos',
  th: complaintMessages.th[key],
  en: complaintMessages.en[key],
});

export const photoTooLarge = (): AppError => new AppError('payload_too_large', [issue('photoTooLarge')]);
export const tooManyPhotos = (): AppError => new AppError('payload_too_large', [issue('photoTooMany')]);

/** Checks and re-encodes one photo of a complaint (see src/http/photos.ts); 413 when too big. */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  return reencodePhoto(input, { notImage: issue('photoNotImage'), tooManyPixels: issue('photoTooManyPixels') });
}
