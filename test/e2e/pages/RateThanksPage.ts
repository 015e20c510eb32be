import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { ComplaintFormPage } from './ComplaintFormPage.js';
import { PointPage } from './PointPage.js';

/** `/p/{code}/rate/thanks`: thanks, "anything to complain about?" with a link, and the way back to the point. */
export class RateThanksPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<RateThanksPage> {
    return CitizenPage.arrive(new RateThanksPage(site));
  }

  /** Notes under the thanks: a rating that replaced the device's earlier one, a comment held for review. */
  notices(): Locator {
    return this.page.locator('main > p.notice');
  }

  complainPrompt(): Locator {
    return this.page.locator('main section.complain-prompt');
  }

  complainLink(): Locator {
    return this.complainPrompt().locator('a[href$="/complain"]');
  }

  async complain(): Promise<ComplaintFormPage> {
    await this.navigate(() => this.complainLink().click());
    return ComplaintFormPage.arrived(this.site);
  }

  async backToPoint(): Promise<PointPage> {
    await this.navigate(() => this.page.locator('main > p > a[href*="/p/"]').click());
    return PointPage.arrived(this.site);
  }
}
