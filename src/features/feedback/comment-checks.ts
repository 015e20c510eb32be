/**
 * Automatic checks on a rating's comment before it is published. A comment that seems to carry
 * personal data (a Thai national ID number with a valid check digit, a Thai phone number, an
 * e-mail address) or abuse is held for a moderator instead; everything else is published at once.
 * Criticism is not abuse: the word list holds insults and profanity only.
 */
import { segmentWords } from '../../i18n/text.js';

export const HELD_REASONS = ['national_id', 'phone', 'email', 'abuse'] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

/** Thai digits (๐–๙) as ASCII, so that numbers written either way are found. */
const asciiDigits = (text: string): string => text.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

/** The check digit of a Thai 13-digit national ID: 11 − (Σ dᵢ·(13−i) mod 11), last digit of that. */
export function isValidNationalId(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/** Thai phone numbers: mobiles 06/08/09 + 8 digits, landlines 02–05/07 + 7 digits, or +66 instead of 0. */
const PHONE = /^(?:\+?66|0)(?:[689]\d{8}|[2-57]\d{7})$/;

/**
 * Runs of digits as people write them: "081-234-5678", "1 2345 67890 12 3", "+66 81 234 5678".
 * Each run is split at spaces, and every sequence of neighbouring pieces is tried, so two numbers
 * separated by one space are each found.
 */
function numberCandidates(text: string): string[] {
  const candidates: string[] = [];
  for (const run of asciiDigits(text).match(/\+?\d[\d\s.\-()]*\d/g) ?? []) {
    const pieces = run.split(/\s+/).map((piece) => piece.replace(/[.\-()]/g, ''));
    for (let from = 0; from < pieces.length; from++) {
      let joined = '';
      for (let to = from; to < pieces.length && joined.length <= 16; to++) {
        joined += pieces[to];
        candidates.push(joined);
      }
    }
  }
  return candidates;
}

const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[a-z]{2,}/i;

/**
 * Insults and profanity, Thai and English. Thai has no spaces between words, so each entry is
 * matched as a sequence of whole words (Intl.Segmenter): "หีบ" (a box) is not "หี", and
 * "สัสดี" (a district official) is not "สัส". Ambiguous words ("กู", "ห่วย") are left out.
 */
const ABUSE = [
  'เหี้ย',
  'สัส',
  'ไอ้สัตว์',
  'ควย',
  'เย็ด',
  'หี',
  'แม่ง',
  'มึง',
  'ระยำ',
  'ส้นตีน',
  'ชาติหมา',
  'ไอ้ควาย',
  'อีดอก',
  'fuck',
  'fucking',
  'shit',
  'bitch',
  'bastard',
  'asshole',
  'cunt',
  'motherfucker',
];
const ABUSE_WORDS = ABUSE.map((entry) => segmentWords(entry));

function containsWords(words: string[], entry: string[]): boolean {
  for (let i = 0; i + entry.length <= words.length; i++) {
    if (entry.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}

/** Why the comment must wait for a moderator, or null when it can be published. */
export function heldReasonOf(comment: string): HeldReason | null {
  const numbers = numberCandidates(comment);
  if (numbers.some(isValidNationalId)) return 'national_id';
  if (numbers.some((n) => PHONE.test(n))) return 'phone';
  if (EMAIL.test(comment)) return 'email';
  const words = segmentWords(comment);
  if (ABUSE_WORDS.some((entry) => containsWords(words, entry))) return 'abuse';
  return null;
}
