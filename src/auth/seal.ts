/**
 * Authenticated encryption (AES-256-GCM) for personal data at rest, e.g. complainants' contacts
 * and second-factor secrets. The key is derived from a secret in the environment; the sealed
 * text carries a key id so keys can be rotated.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSealer(secret: string, keyId = 'k1'): Sealer {
  const key = createHash('sha256').update(`citizeninfo:seal:${keyId}:${secret}`).digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [id, iv, tag, body] = sealed.split('.');
      if (id !== keyId || !iv || !tag || body === undefined) throw new Error('sealed with an unknown key');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
