import { createHash, randomInt } from 'node:crypto';

/** Public codes avoid letters and digits that look alike (0/O, 1/I/L) so they can be read off a poster. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_PATTERN = '^[2-9A-HJ-KM-NP-Z]{6}$';
export const isPublicCode = (value: string): boolean => new RegExp(CODE_PATTERN).test(value);

/** A random six-character public code (31⁶ ≈ 887 million). */
export function randomPublicCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The same code for the same key: stable demo URLs across re-seeds. */
export function derivedPublicCode(key: string, taken: Set<string>): string {
  for (let salt = 0; ; salt++) {
    const bytes = createHash('sha256').update(`${key}#${salt}`).digest();
    const code = Array.from(bytes.subarray(0, 6), (b) => ALPHABET[b % ALPHABET.length]).join('');
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}
