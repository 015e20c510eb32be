import { describe, expect, it } from 'vitest';
import { createSealer } from './seal.js';

describe('sealing personal data', () => {
  const sealer = createSealer('a-secret-of-at-least-32-characters-long');

  it('round-trips Thai text and never stores it in the clear', () => {
    const sealed = sealer.seal('{"name":"สมชาย ใจดี","phone":"0812345678"}');
    expect(sealed).not.toContain('0812345678');
    expect(sealer.open(sealed)).toBe('{"name":"สมชาย ใจดี","phone":"0812345678"}');
  });

  it('uses a fresh IV each time', () => {
    expect(sealer.seal('x')).not.toBe(sealer.seal('x'));
  });

  it('refuses tampered text and other keys', () => {
    const sealed = sealer.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => sealer.open(parts.join('.'))).toThrow();
    expect(() => createSealer('another-secret-of-at-least-32-characters').open(sealed)).toThrow();
  });
});
