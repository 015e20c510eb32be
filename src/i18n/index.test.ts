import { describe, expect, it } from 'vitest';
import { bangkokDate, defineMessages, formatDate, switchLocalePath } from './index.js';

describe('dates', () => {
  it('prints Thai dates in the Buddhist era and English dates in the Gregorian calendar', () => {
    const at = new Date('2026-11-22T05:00:00Z');
    expect(formatDate(at, 'th', 'long')).toBe('22 พฤศจิกายน 2569');
    expect(formatDate(at, 'en', 'long')).toBe('22 November 2026');
  });

  it('uses the Bangkok day, not the server day', () => {
    // 23:30 UTC on the 21st is already 06:30 on the 22nd in Bangkok.
    const lateUtc = new Date('2026-11-21T23:30:00Z');
    expect(bangkokDate(lateUtc)).toBe('2026-11-22');
    expect(formatDate(lateUtc, 'th', 'short')).toBe('22 พ.ย. 2569');
  });

  it('reads a plain calendar date as that day in Bangkok', () => {
    expect(formatDate('2026-12-05', 'th', 'long')).toBe('5 ธันวาคม 2569');
  });
});

describe('language switch', () => {
  it('maps a path to the other language and back', () => {
    expect(switchLocalePath('/', 'en')).toBe('/en');
    expect(switchLocalePath('/p/AB12?x=1', 'en')).toBe('/en/p/AB12?x=1');
    expect(switchLocalePath('/?q=abc', 'en')).toBe('/en?q=abc');
    expect(switchLocalePath('/en', 'th')).toBe('/');
    expect(switchLocalePath('/en/p/AB12', 'th')).toBe('/p/AB12');
    expect(switchLocalePath('/en?q=1', 'th')).toBe('/?q=1');
    expect(switchLocalePath('/entry', 'th')).toBe('/entry');
  });
});

describe('catalogues', () => {
  it('returns the catalogue of a locale, with typed message functions', () => {
    const m = defineMessages({ hello: 'สวัสดี', count: (n: number) => `${n} แห่ง` }, { hello: 'Hello', count: (n: number) => `${n} places` });
    expect(m.for('th').hello).toBe('สวัสดี');
    expect(m.for('en').count(3)).toBe('3 places');
  });
});
