/**
 * Tracking numbers people can read out over the phone and type from a receipt:
 * `CI-2569-7K4M-Q2` = prefix, Buddhist-era year of filing, five random characters and one check
 * character. The alphabet leaves out 0/O, 1/I/L so nothing looks alike (the same one as point
 * codes). The check character is a weighted sum modulo 31 (a prime, the alphabet's size): it
 * catches every single mistyped character and every swap of two neighbours (tracking.test.ts
 * tries them all), so a typo is told apart from a number that does not exist.
 */
import { randomInt } from 'node:crypto';
import { TIME_ZONE } from '../../i18n/index.js';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RANDOM_LENGTH = 5;

/** What a stored, well-formed tracking number looks like (also the route parameter pattern). */
export const TRACKING_PATTERN = '^CI-[0-9]{4}-[2-9A-HJ-KM-NP-Z]{4}-[2-9A-HJ-KM-NP-Z]{2}$';

function checkCharacter(year: number, random: string): string {
  // The year's weight (3) differs from its neighbour's (1), so swapping a year digit with the
  // first random character is caught too; weights and digits are all prime to 31.
  let sum = 3 * year;
  for (let i = 0; i < random.length; i++) sum += (i + 1) * ALPHABET.indexOf(random[i]!);
  return ALPHABET[sum % ALPHABET.length]!;
}

export function buddhistYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' }).format(at)) + 543;
}

export function formatTrackingNumber(year: number, random: string): string {
  const check = checkCharacter(year, random);
  return `CI-${year}-${random.slice(0, 4)}-${random.slice(4)}${check}`;
}

export function newTrackingNumber(at: Date = new Date()): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return formatTrackingNumber(buddhistYear(at), random);
}

export type ParsedTracking = { ok: true; number: string } | { ok: false; reason: 'format' | 'check' };

/**
 * Reads what someone typed: any case, spaces or dashes anywhere, with or without the `CI`
 * prefix. Returns the canonical number, or why it cannot be one.
 */
export function parseTrackingNumber(input: string): ParsedTracking {
  const compact = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  const match = /^(?:CI)?(\d{4})([2-9A-HJ-KM-NP-Z]{5})([2-9A-HJ-KM-NP-Z])$/.exec(compact);
  if (!match) return { ok: false, reason: 'format' };
  const [, yearText = '', random = '', check = ''] = match;
  const year = Number(yearText);
  if (checkCharacter(year, random) !== check) return { ok: false, reason: 'check' };
  return { ok: true, number: formatTrackingNumber(year, random) };
}
