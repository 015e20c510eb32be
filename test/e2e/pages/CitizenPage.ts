/** What every citizen page has: one h1, the language switch, and an audit on arrival. */
import type { Locator, Page } from 'playwright-core';
import type { Site } from '../support/site.js';

export abstract class CitizenPage {
  protected constructor(readonly site: Site) {}

  get page(): Page {
    return this.site.page;
  }

  heading(): Locator {
    return this.page.locator('h1');
  }

  async headingText(): Promise<string> {
    return ((await this.heading().textContent()) ?? '').trim();
  }

  /** `th` or `en`, from `<html lang>` */
  async language(): Promise<string> {
    return (await this.page.locator('html').getAttribute('lang')) ?? '';
  }

  /** Waits for the page to be shown (its one h1), then audits it. */
  protected static async arrive<T extends CitizenPage>(page: T): Promise<T> {
    await page.page.waitForLoadState('load');
    await page.heading().waitFor({ state: 'visible' });
    const headings = await page.heading().count();
    if (headings !== 1) throw new Error(`${page.page.url()} has ${headings} h1 elements, not one`);
    await page.site.audit();
    return page;
  }

  /**
   * Follows a link (or submits) and waits for the next document — also one at the same URL, as a
   * form answered without a redirect. (The site changes no URL within a document.)
   */
  protected async navigate(action: () => Promise<void>): Promise<void> {
    const main = this.page.mainFrame();
    await Promise.all([this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === main }), action()]);
  }

  /** Clicks `a.lang-switch` and returns the same page in the other language. */
  protected async clickLanguageSwitch(): Promise<void> {
    await this.navigate(() => this.page.locator('a.lang-switch').click());
  }
}
