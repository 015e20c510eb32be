/** Time-based one-time passwords (RFC 6238, 30 s, 6 digits, SHA-1) as authenticator apps expect. */
import { Secret, TOTP } from 'otpauth';

const totpFor = (secret: string, label = 'CitizenInfo') => new TOTP({ issuer: 'CitizenInfo', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secret: string, account: string): string => totpFor(secret, account).toString();

/**
 * Accepts the current code and one step either side, for phones whose clocks drift a little.
 * Returns the 30-second time step the code belongs to (so a caller can refuse its reuse), or null.
 */
export function verifyTotp(secret: string, code: string, at = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, window: 1, timestamp: at });
  return delta === null ? null : Math.floor(at / 30_000) + delta;
}

/** The code of a moment (now by default): for demos and tests. */
export const currentTotp = (secret: string, at = Date.now()): string => totpFor(secret).generate({ timestamp: at });
