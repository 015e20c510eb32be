import { describe, expect, it } from 'vitest';
import { derivedPublicCode, isPublicCode, randomPublicCode } from './codes.js';

describe('public codes', () => {
  it('are six characters without look-alike letters', () => {
    for (let i = 0; i < 200; i++) {
      const code = randomPublicCode();
      expect(isPublicCode(code)).toBe(true);
      expect(code).not.toMatch(/[01ILO]/);
    }
  });

  it('derive the same code from the same key and never repeat one', () => {
    const taken = new Set<string>();
    const first = derivedPublicCode('lao-6100101', taken);
    expect(derivedPublicCode('lao-6100101', new Set())).toBe(first);
    // A second request for a taken code moves on to another one.
    expect(derivedPublicCode('lao-6100101', taken)).not.toBe(first);
    const many = new Set<string>();
    for (let i = 0; i < 20_000; i++) derivedPublicCode(`key-${i}`, many);
    expect(many.size).toBe(20_000);
  });

  it('rejects anything else', () => {
    expect(isPublicCode('abc123')).toBe(false);
    expect(isPublicCode('ABCDE')).toBe(false);
    expect(isPublicCode("A' OR 1")).toBe(false);
  });
});
