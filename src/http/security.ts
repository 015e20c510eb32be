/** Security headers with a per-request CSP nonce; the only third-party origin allowed is the map tile server. */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org` */
export function tileOrigin(tileUrl: string): string {
  const url = new URL(tileUrl.replaceAll('{s}', 'subdomain').replace(/\{[a-z]\}/gi, '0'));
  const host = tileUrl.includes('{s}') ? url.host.replace('subdomain', '*') : url.host;
  return `${url.protocol}//${host}`;
}

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', tileOrigin(config.tileUrl)],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    // The map and photos are ours; tiles come from the configured server.
    crossOriginEmbedderPolicy: false,
    // Referrers stay inside the site (none reach the tile server or other sites); the rating form
    // tells a link on the site from a scanned poster by its referrer (helmet's default sends none).
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.publicUrl.startsWith('https:') ? { maxAge: 31536000 } : false,
  });
  // Limits are set per route (sign-in, registration, feedback); counters live in each app node's
  // memory, so N nodes allow N times the rate — acceptable for abuse damping, and lock-outs of
  // accounts are kept in the database.
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  // Every form carries a token bound to a secret in an HttpOnly cookie (double submit, signed by
  // the library); scopes check it on every POST.
  await app.register(csrf, {
    cookieKey: 'ci_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https:') },
  });
}
