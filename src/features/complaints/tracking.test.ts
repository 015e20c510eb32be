import { describe, expect, it } from 'vitest';
import { buddhistYear, formatTrackingNumber, newTrackingNumber, parseTrackingNumber, TRACKING_PATTERN } from './tracking.js';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

describe('tracking numbers', () => {
  it('carry the Buddhist-era year of filing in Bangkok', () => {
    expect(buddhistYear(new Date('2026-12-31T17:30:00Z'))).toBe(2570); // already 1 January in Bangkok
    expect(buddhistYear(new Date('2026-12-31T16:30:00Z'))).toBe(2569);
    const number = newTrackingNumber(new Date('2026-06-01T00:00:00Z'));
    expect(number).toMatch(new RegExp(TRACKING_PATTERN));
    expect(number.startsWith('CI-2569-')).toBe(true);
  });

  it('round-trip, read loosely typed forms, and refuse what is not one', () => {
    const number = formatTrackingNumber(2569, '7K4MQ');
    expect(parseTrackingNumber(number)).toEqual({ ok: true, number });
    expect(parseTrackingNumber(` ${number.toLowerCase().replaceAll('-', ' ')} `)).toEqual({ ok: true, number });
    expect(parseTrackingNumber(number.replaceAll('-', '').slice(2))).toEqual({ ok: true, number });
    for (const bad of ['', 'CI-2569', 'CI-2569-7K4M-Q', 'CI-2569-7K4M-Q22', 'CI-2569-OK4M-Q2', 'CI-25X9-7K4M-Q2', "CI-2569-7K4M-Q2'; --"]) {
      expect(parseTrackingNumber(bad), bad).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('catch every single mistyped character and every swap of neighbours', () => {
    for (let sample = 0; sample < 200; sample++) {
      const number = newTrackingNumber(new Date(Date.UTC(2020 + (sample % 10), 5, 1)));
      const compact = number.replaceAll('-', '').slice(2);
      for (let i = 0; i < compact.length; i++) {
        const choices = i < 4 ? '0123456789' : ALPHABET;
        for (const c of choices) {
          if (c === compact[i]) continue;
          const typo = compact.slice(0, i) + c + compact.slice(i + 1);
          expect(parseTrackingNumber(typo).ok, `${number} → ${typo}`).toBe(false);
        }
        if (i + 1 < compact.length && compact[i] !== compact[i + 1]) {
          const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
          // A swap that moves a digit into the letters (or back) is a format error; the rest fail the check.
          expect(parseTrackingNumber(swapped).ok, `${number} → ${swapped}`).toBe(false);
        }
      }
    }
  });
});
