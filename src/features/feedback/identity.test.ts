import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createHasher, deviceIdOf, networkOf, newDeviceId } from './identity.js';

describe('networks', () => {
  it('keeps IPv4 addresses, also when mapped into IPv6', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('cuts IPv6 addresses to their /64, however they are written', () => {
    expect(networkOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
  });
});

describe('device ids and hashes', () => {
  it('takes only ids of our own shape from the cookie', () => {
    const id = newDeviceId();
    expect(deviceIdOf(id)).toBe(id);
    expect(deviceIdOf(undefined)).toBeNull();
    expect(deviceIdOf('short')).toBeNull();
    expect(deviceIdOf(`${id.slice(0, 21)};`)).toBeNull();
  });

  it('hashes the same id the same way within a day, differently the next day and under another secret', () => {
    const hasher = createHasher('a'.repeat(32));
    const device = newDeviceId();
    const today = hasher.device(device, '2026-11-22');
    expect(hasher.device(device, '2026-11-22')).toBe(today);
    expect(hasher.device(device, '2026-11-23')).not.toBe(today);
    expect(createHasher('b'.repeat(32)).device(device, '2026-11-22')).not.toBe(today);
    // A network and a device with the same text do not share a hash.
    expect(hasher.network(device, '2026-11-22')).not.toBe(today);
    expect(today).not.toContain(device);
    expect(hasher.network('203.0.113.7', '2026-11-22')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('RATING_NETWORK_LIMITS', () => {
  it('is on by default and can be turned off only outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).ratingNetworkLimits).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', RATING_NETWORK_LIMITS: 'false' }).ratingNetworkLimits).toBe(false);
    const production = { NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), PII_ENCRYPTION_KEY: 'y'.repeat(32) };
    expect(loadConfig(production).ratingNetworkLimits).toBe(true);
    expect(() => loadConfig({ ...production, RATING_NETWORK_LIMITS: 'false' })).toThrow(/RATING_NETWORK_LIMITS/);
  });
});
