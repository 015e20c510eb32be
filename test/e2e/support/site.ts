/**
 * One visitor's browser tab on the site under test. Every page a page object arrives at is
 * audited here: axe-core (WCAG 2.x A and AA), no uncaught script errors, and — when the tab is
 * narrow — no horizontal scrolling.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { describeViolations, findViolations } from '../../harness/axe.js';
import { tileMatcher } from '../../harness/page-weight.js';

export interface SiteOptions {
  width?: number;
  height?: number;
  javaScriptEnabled?: boolean;
  /** also fail when the page is wider than the viewport (a phone would scroll sideways) */
  forbidHorizontalScroll?: boolean;
}

export class Site {
  readonly baseUrl = inject('baseUrl');
  readonly tileUrl = inject('tileUrl');
  /** every URL audited, in order */
  readonly visited: string[] = [];
  private readonly errors: string[] = [];

  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly options: Required<SiteOptions>,
  ) {
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      // A CSP refusal means the page asked for something it may not load.
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) this.errors.push(`${page.url()}: ${message.text()}`);
    });
  }

  static async open(browser: Browser, options: SiteOptions = {}): Promise<Site> {
    const settings: Required<SiteOptions> = {
      width: options.width ?? 1280,
      height: options.height ?? 800,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      forbidHorizontalScroll: options.forbidHorizontalScroll ?? false,
    };
    const context = await browser.newContext({
      viewport: { width: settings.width, height: settings.height },
      javaScriptEnabled: settings.javaScriptEnabled,
      locale: 'th-TH',
    });
    await refuseTiles(context, inject('tileUrl'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return new Site(browser, context, page, settings);
  }

  url(path: string): string {
    return this.baseUrl + path;
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(this.url(path));
  }

  /** The current path and query, e.g. `/en/manuals/x?point=ABC234`. */
  path(): string {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }

  /** Checks the page now showing; throws with a readable account of what is wrong. */
  async audit(): Promise<void> {
    const url = this.page.url();
    this.visited.push(url);
    const violations = this.options.javaScriptEnabled ? await findViolations(this.page) : await this.violationsWithoutScripts(url);
    if (violations.length > 0) throw new Error(describeViolations(url, violations));
    if (this.errors.length > 0) throw new Error(`script errors:\n${this.errors.join('\n')}`);
    if (this.options.forbidHorizontalScroll) {
      const scrollWidth = await this.page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > this.options.width) {
        throw new Error(`${url} is ${scrollWidth} px wide in a ${this.options.width} px viewport: it scrolls sideways`);
      }
    }
  }

  /**
   * axe runs on timers, which a tab without JavaScript never fires; so the same URL is checked in
   * a tab that runs axe but refuses the site's own scripts, which renders what the visitor saw.
   */
  private async violationsWithoutScripts(url: string) {
    const helper = await this.browser.newContext({ viewport: { width: this.options.width, height: this.options.height }, locale: 'th-TH' });
    try {
      await refuseTiles(helper, this.tileUrl);
      await helper.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.fallback()));
      const page = await helper.newPage();
      await page.goto(url);
      return await findViolations(page);
    } finally {
      await helper.close();
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** The test machine has no Internet; tiles are refused at once instead of timing out. */
async function refuseTiles(context: BrowserContext, tileUrl: string): Promise<void> {
  const isTile = tileMatcher(tileUrl);
  await context.route((url) => isTile(url.toString()), (route) => route.abort());
}
