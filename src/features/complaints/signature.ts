/**
 * Signed messages between us and the national complaint centre, both ways: HMAC-SHA256 over
 * `timestamp + "." + body`, sent as `X-CitizenInfo-Timestamp` (Unix seconds) and
 * `X-CitizenInfo-Signature: sha256=<hex>`. The timestamp inside the signature lets the receiver
 * refuse old messages; remembering signatures it has seen refuses replays within the window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-citizeninfo-timestamp';
export const SIGNATURE_HEADER = 'x-citizeninfo-signature';
/** How far a signed message's clock may be from ours, either way. */
export const MAX_SKEW_SECONDS = 5 * 60;

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true; signature: string } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function checkSignature(
  secret: string,
  headers: { timestamp: unknown; signature: unknown },
  body: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  return { ok: true, signature };
}
