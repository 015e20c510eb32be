import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { ManualPage } from './ManualPage.js';
import { RatePage } from './RatePage.js';

/** The published score of the last twelve months, as the point page shows it. */
export interface Satisfaction {
  count: number;
  /** one decimal, as shown; null without ratings */
  average: number | null;
  /** how many gave each overall score: index 0 = score 1 */
  distribution: [number, number, number, number, number];
}

/** A number as the page writes it in Thai or English: 1,234 or 4.5. */
const numberIn = (text: string): number => Number(/\d[\d,]*(\.\d+)?/.exec(text)?.[0]?.replace(/,/g, '') ?? NaN);

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

  /** The score, the number of ratings and the distribution; all zero while nobody has rated. */
  async satisfaction(): Promise<Satisfaction> {
    const section = this.page.locator('section[aria-labelledby="satisfaction-heading"]');
    const distribution: Satisfaction['distribution'] = [0, 0, 0, 0, 0];
    if ((await section.locator('.score-line').count()) === 0) return { count: 0, average: null, distribution };
    for (const bar of await section.locator('ul.bars > li.bar').all()) {
      const [label = '', share = ''] = await bar.locator(':scope > span').allInnerTexts();
      distribution[numberIn(label) - 1] = numberIn(share);
    }
    return {
      count: numberIn(await section.locator('.score-line .meta').innerText()),
      average: numberIn(await section.locator('.score-line .score').innerText()),
      distribution,
    };
  }

  /** A published comment among the recent ones, by its text. */
  comment(text: string): Locator {
    return this.page.locator('ol.comments > li').filter({ has: this.page.locator('blockquote', { hasText: exactly(text) }) });
  }

  /** The office's public reply under the comment `text`. */
  replyTo(text: string): Locator {
    return this.comment(text).locator('.reply p:not(.meta)');
  }

  /** The "rate this service point" link every point page has. */
  async openRating(): Promise<RatePage> {
    await this.navigate(() => this.page.locator('section[aria-labelledby="satisfaction-heading"] a[href$="/rate"]').click());
    return RatePage.arrived(this.site, 'rate');
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
