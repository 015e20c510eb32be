/**
 * The browser-test harness itself, on a page that always exists (the not-found page): the server
 * the global setup started, the axe audit in every mode, and the page-weight counter checked
 * against the bytes on the wire.
 */
import { request as httpRequest } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { describeWeight, PAGE_BUDGET_BYTES, weighPage } from '../harness/page-weight.js';
import { Site } from './support/site.js';

const baseUrl = inject('baseUrl');
const tileUrl = inject('tileUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/**
 * The body bytes of one response as they crossed the socket (chunk framing included, as the
 * browser counts it): everything after the blank line that ends the headers.
 */
function wireBodyBytes(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const req = httpRequest(url, { headers, agent: false }, (response) => {
      response.resume();
      response.on('end', () => {
        const all = Buffer.concat(received);
        resolve(all.length - (all.indexOf('\r\n\r\n') + 4));
      });
      response.on('error', reject);
    });
    req.on('socket', (socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    req.on('error', reject);
    req.end();
  });
}

describe('the server under test', () => {
  it('is up and serves the not-found page as HTML in both languages', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    for (const path of ['/no-such-page', '/en/no-such-page']) {
      const response = await fetch(baseUrl + path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });
});

describe('the audit', () => {
  for (const [name, options] of [
    ['desktop', { width: 1280 }],
    ['360 px phone', { width: 360, forbidHorizontalScroll: true }],
    ['without JavaScript', { width: 360, javaScriptEnabled: false, forbidHorizontalScroll: true }],
  ] as const) {
    it(`passes axe (WCAG 2.x A/AA) on the not-found page, ${name}`, async () => {
      const site = await Site.open(browser, options);
      try {
        for (const path of ['/no-such-page', '/en/no-such-page']) {
          await site.goto(path);
          await site.audit();
        }
        expect(site.visited).toHaveLength(2);
      } finally {
        await site.close();
      }
    });
  }

  it('fails a page that breaks WCAG, with a readable reason', async () => {
    const site = await Site.open(browser, { width: 360, forbidHorizontalScroll: true });
    try {
      await site.goto('/no-such-page');
      // An image without alternative text and an unlabelled input.
      await site.page.evaluate(() => {
        document.querySelector('main')?.insertAdjacentHTML('beforeend', '<img src="/assets/img/icon.svg"><input type="text">');
      });
      await expect(site.audit()).rejects.toThrow(/image-alt[\s\S]*label|label[\s\S]*image-alt/);
    } finally {
      await site.close();
    }
  });

  it('fails a page that scrolls sideways at 360 px', async () => {
    const site = await Site.open(browser, { width: 360, forbidHorizontalScroll: true });
    try {
      await site.goto('/no-such-page');
      await site.page.evaluate(() => {
        const wide = document.createElement('p');
        wide.textContent = 'wide';
        wide.style.width = '500px';
        document.querySelector('main')?.append(wide);
      });
      await expect(site.audit()).rejects.toThrow(/scrolls sideways/);
    } finally {
      await site.close();
    }
  });
});

describe('the page-weight counter', () => {
  it(`weighs the not-found page at 360 px within ${PAGE_BUDGET_BYTES / 1024} KB, with no third-party requests`, async () => {
    const weight = await weighPage(browser, `${baseUrl}/no-such-page`, { width: 360, tileUrl });
    expect(weight.bodyBytes, describeWeight(weight)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(weight.foreignHosts).toEqual([]);
    expect(weight.transfers.map((t) => t.resourceType)).toEqual(expect.arrayContaining(['document', 'stylesheet']));
  });

  it('counts what travels on the wire: compressed bodies, byte for byte', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      const sentHeaders = new Map<string, Promise<Record<string, string>>>();
      page.on('request', (request) => sentHeaders.set(request.url(), request.allHeaders()));
      await page.goto(`${baseUrl}/no-such-page`);
      await page.waitForLoadState('networkidle');
      const weight = await weighPage(browser, `${baseUrl}/no-such-page`, { width: 360, tileUrl });
      const stylesheet = weight.transfers.find((t) => t.resourceType === 'stylesheet');
      const document = weight.transfers.find((t) => t.resourceType === 'document');
      if (!stylesheet || !document) throw new Error(describeWeight(weight));
      const headersOf = async (url: string) => {
        const headers = await sentHeaders.get(url);
        if (!headers) throw new Error(`the browser did not request ${url}`);
        return { 'accept-encoding': headers['accept-encoding'] ?? '' };
      };
      // A static file compresses the same way every time: the counts must agree exactly.
      expect(stylesheet.bodyBytes).toBe(await wireBodyBytes(stylesheet.url, await headersOf(stylesheet.url)));
      expect(stylesheet.bodyBytes).toBeGreaterThan(0);
      // The page carries a fresh CSP nonce each time, so its compressed size moves by a few bytes.
      const documentBytes = await wireBodyBytes(document.url, await headersOf(document.url));
      expect(Math.abs(document.bodyBytes - documentBytes)).toBeLessThanOrEqual(Math.max(16, documentBytes * 0.02));
    } finally {
      await context.close();
    }
  });
});
