import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { ManualPage } from './ManualPage.js';

/** A time of day as offices write it: 8:30, 08.30, 16:30. */
export const TIME_OF_DAY = /\b([01]?\d|2[0-3])[:.][0-5]\d\b/;

/** `/p/{code}`: h1 = the point's name; `section#services` links to `/manuals/{slug}?point={code}`. */
export class PointPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site, code: string, locale: 'th' | 'en' = 'th'): Promise<PointPage> {
    await site.goto(`${locale === 'th' ? '' : '/en'}/p/${code}`);
    return PointPage.arrived(site);
  }

  static arrived(site: Site): Promise<PointPage> {
    return CitizenPage.arrive(new PointPage(site));
  }

  /** The public code, from the URL. */
  code(): string {
    const match = /\/p\/([^/?#]+)/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`${this.page.url()} is not a point page`);
    return decodeURIComponent(match[1]);
  }

  services(): Locator {
    return this.page.locator('section#services a[href*="/manuals/"]');
  }

  /** The Zero Copy badge of the service titled `title`, e.g. "ไม่ต้องใช้สำเนา". */
  zeroCopyBadge(title: string): Locator {
    return this.page.locator('section#services li').filter({ has: this.page.locator('a', { hasText: exactly(title) }) }).locator('[data-zero-copy]');
  }

  /** The times of the coming seven days, one cell a day: "08:30–12:00, 13:00–16:30" or why it is closed. */
  hoursOfTheWeek(): Locator {
    return this.page.locator('table.hours tbody td');
  }

  /** The visible opening hours: text in the main content that reads as a time of day. */
  openingHours(): Locator {
    return this.page.locator('main').getByText(TIME_OF_DAY);
  }

  async openService(index = 0): Promise<ManualPage> {
    await this.navigate(() => this.services().nth(index).click());
    return ManualPage.arrived(this.site);
  }

  async switchLanguage(): Promise<PointPage> {
    await this.clickLanguageSwitch();
    return PointPage.arrived(this.site);
  }
}
