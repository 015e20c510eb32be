import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('answers /healthz and checks the database at /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: t.database.engine });
  });

  it('exposes Prometheus metrics, including request durations', async () => {
    await t.app.inject('/healthz');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('returns the request id it was given, or a new one', async () => {
    expect((await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
    const generated = (await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } })).headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors', () => {
  it('shows a Thai not-found page with the English message below', async () => {
    const response = await t.app.inject('/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="th"');
    expect(response.body).toContain('ไม่พบหน้าหรือข้อมูลที่ต้องการ');
    expect(response.body).toContain('The page or record you asked for was not found');
  });

  it('shows the English not-found page under /en', async () => {
    const response = await t.app.inject('/en/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toMatch(/<h1>The page or record you asked for was not found<\/h1>/);
  });

  it('answers JSON under /api/v1', async () => {
    const response = await t.app.inject('/api/v1/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found', message_th: 'ไม่พบหน้าหรือข้อมูลที่ต้องการ' } });
  });

  it('answers a malformed percent-encoded URL with 400 or 404, never 500', async () => {
    for (const url of ['/%E0%B8', '/p/%FF%FE', '/search?q=%E0%A4%A', '/en/%C0%AF']) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });

  it('escapes what the visitor typed into the page', async () => {
    const response = await t.app.inject('/<script>alert(1)</script>');
    expect(response.body).not.toContain('<script>alert(1)</script>');
  });
});

describe('security headers', () => {
  it('sends a CSP with a script nonce and no inline scripts allowed', async () => {
    const response = await t.app.inject('/no-such-page');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('https://tile.openstreetmap.org');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets referrers go to the site itself only', async () => {
    expect((await t.app.inject('/no-such-page')).headers['referrer-policy']).toBe('same-origin');
  });
});
