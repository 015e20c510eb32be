/** Time-based one-time passwords (RFC 6238, 30 s, 6 digits, SHA-1) as authenticator apps expect. */
import { Secret, TOTP } from 'otpauth';

const totpFor = (secret: string, label = 'CitizenInfo') => new TOTP({ issuer: 'CitizenInfo', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secret: string, account: string): string => totpFor(secret, account).toString();

/** Accepts the current code and one step either side, for phones whose clocks drift a little. */
export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret).validate({ token: code, window: 1 }) !== null;
}

export const currentTotp = (secret: string): string => totpFor(secret).generate();
