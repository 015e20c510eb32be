/**
 * What a citizen's phone downloads for each citizen page at 360 px on a first visit, before any
 * map tile: at most PAGE_BUDGET_BYTES (compressed bodies of every request, fonts and scripts included).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { describeWeight, PAGE_BUDGET_BYTES, weighPage } from '../harness/page-weight.js';
import { SearchResultsPage } from './pages/SearchResultsPage.js';
import { Site } from './support/site.js';

const baseUrl = inject('baseUrl');
const tileUrl = inject('tileUrl');

let browser: Browser;
/** Paths of real pages, found the way a visitor finds them. */
const paths = new Map<string, string>();

beforeAll(async () => {
  browser = await launchBrowser();
  const site = await Site.open(browser, { width: 360 });
  try {
    const results = await SearchResultsPage.open(site, 'ทะเบียนบ้าน');
    paths.set('search results', site.path());
    const point = await results.openResult(0);
    paths.set('point page', site.path());
    await point.openService(0);
    paths.set('manual page', site.path());
  } finally {
    await site.close();
  }
});
afterAll(() => browser.close());

describe(`citizen pages weigh at most ${PAGE_BUDGET_BYTES / 1024} KB at 360 px before any map tile`, () => {
  for (const name of ['home page', 'search results', 'point page', 'manual page']) {
    it(name, async () => {
      const path = name === 'home page' ? '/' : paths.get(name);
      if (!path) throw new Error(`no ${name} was reached`);
      const weight = await weighPage(browser, baseUrl + path, { width: 360, tileUrl });
      expect(weight.foreignHosts).toEqual([]);
      expect(weight.bodyBytes, describeWeight(weight)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    });
  }
});
