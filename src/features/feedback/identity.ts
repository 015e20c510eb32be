/**
 * Who rated, as far as abuse resistance needs to know and no further: a random device id in an
 * HttpOnly cookie, and the network the request came from (an IPv4 address or an IPv6 /64, since
 * one household or phone holds a whole /64). Neither is stored: ratings keep only HMAC-SHA256
 * hashes under a key derived from APP_SECRET for each Bangkok day, so hashes of different days
 * cannot be linked to each other (docs/decisions/0010).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';

export const DEVICE_COOKIE = 'ci_device';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
/** Chromium keeps a cookie for at most 400 days; asking for longer changes nothing. */
const DEVICE_MAX_AGE_S = 400 * 24 * 3600;

/** The device id a cookie holds, or null when it is missing or not one of ours. */
export function deviceIdOf(cookie: string | undefined): string | null {
  return cookie && DEVICE_ID.test(cookie) ? cookie : null;
}

export const newDeviceId = (): string => randomBytes(16).toString('base64url');

export function deviceCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: DEVICE_MAX_AGE_S };
}

/** IPv4 as it is (also when mapped into IPv6); IPv6 cut to its /64 prefix. */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export interface Hasher {
  device(deviceId: string, day: string): string;
  network(network: string, day: string): string;
}

/** Hashes under a key for each Bangkok day (the last few keys are kept, they are cheap). */
export function createHasher(secret: string): Hasher {
  const keys = new Map<string, Buffer>();
  const keyOf = (day: string): Buffer => {
    let key = keys.get(day);
    if (!key) {
      key = createHmac('sha256', secret).update(`rating-identity:${day}`).digest();
      if (keys.size > 4) keys.clear();
      keys.set(day, key);
    }
    return key;
  };
  const hash = (kind: string, value: string, day: string) => createHmac('sha256', keyOf(day)).update(`${kind}:${value}`).digest('base64url');
  return {
    device: (deviceId, day) => hash('device', deviceId, day),
    network: (network, day) => hash('network', network, day),
  };
}
