/**
 * The citizen journeys, in a real browser against the real server: find a service point by a
 * need typed in Thai, read it, read the Citizen's Manual of one of its services, switch language.
 * At desktop width, on a 360 px phone, and with JavaScript switched off. Every page visited is
 * audited by axe-core (see support/site.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { HomePage } from './pages/HomePage.js';
import { Site, type SiteOptions } from './support/site.js';

const THAI = /[\u0E00-\u0E7F]/;

let browser: Browser;
let site: Site | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await site?.close();
  site = undefined;
});
afterAll(() => browser.close());

async function openSite(options: SiteOptions): Promise<Site> {
  site = await Site.open(browser, options);
  return site;
}

/** Journey (a): ทะเบียนบ้าน → first point → one of its services → English. */
async function houseRegistrationJourney(options: SiteOptions) {
  const s = await openSite(options);
  const home = await HomePage.open(s);
  expect(await home.language()).toBe('th');

  const results = await home.search('ทะเบียนบ้าน');
  expect(s.path()).toMatch(/^\/search\?/);
  expect(new URL(s.page.url()).searchParams.get('q')).toBe('ทะเบียนบ้าน');
  const names = await results.names();
  expect(names.length).toBeGreaterThan(0);

  const point = await results.openResult(0);
  expect(s.path()).toMatch(/^\/p\/[^/?]+$/);
  expect(await point.headingText()).toBe(names[0]);
  expect(await point.services().count()).toBeGreaterThan(0);
  const code = point.code();

  const manual = await point.openService(0);
  expect(s.path()).toMatch(new RegExp(`^/manuals/[a-z0-9-]+\\?point=${code}$`));
  const titleTh = await manual.headingText();
  expect(titleTh).toMatch(THAI);
  expect(await manual.steps().count()).toBeGreaterThan(0);
  await expect.poll(() => manual.documents().isVisible()).toBe(true);

  const english = await manual.switchLanguage();
  expect(s.path()).toMatch(/^\/en\/manuals\/[a-z0-9-]+\?point=/);
  expect(await english.language()).toBe('en');
  const titleEn = await english.headingText();
  expect(titleEn).toMatch(/[A-Za-z]{3}/);
  expect(titleEn).not.toMatch(THAI);
  expect(await english.steps().count()).toBe(await manual.steps().count());
  return s;
}

describe('journey (a): find a service by a Thai need, at desktop width', () => {
  it('searches ทะเบียนบ้าน, opens the first point and a manual, and reads it in English', async () => {
    const s = await houseRegistrationJourney({ width: 1280 });
    expect(s.visited).toHaveLength(5);
  });
});

describe('journey (b): the same on a 360 px phone', () => {
  it('works at 360 px without sideways scrolling on any page', async () => {
    const s = await houseRegistrationJourney({ width: 360, height: 740, forbidHorizontalScroll: true });
    expect(s.visited).toHaveLength(5);
  });
});

describe('journey (c): without JavaScript', () => {
  it('searches บัตรประชาชน and reads a point page with its hours and services', async () => {
    const s = await openSite({ width: 360, height: 740, javaScriptEnabled: false, forbidHorizontalScroll: true });
    const home = await HomePage.open(s);
    const results = await home.search('บัตรประชาชน');
    const names = await results.names();
    expect(names.length).toBeGreaterThan(0);

    const point = await results.openResult(0);
    expect(await point.headingText()).toBe(names[0]);
    await expect.poll(() => point.openingHours().first().isVisible()).toBe(true);
    expect(await point.services().count()).toBeGreaterThan(0);
    await expect.poll(() => point.services().first().isVisible()).toBe(true);
    // Without JavaScript the page must still be the no-js rendering, and nothing may depend on scripts.
    expect(await s.page.locator('html').getAttribute('class')).toContain('no-js');
  });
});
