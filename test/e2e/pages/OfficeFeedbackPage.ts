import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeFeedbackRatingPage } from './OfficeFeedbackRatingPage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/feedback`: commented ratings of the officer's points, newest first, one card each, with filters. */
export class OfficeFeedbackPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeFeedbackPage> {
    return CitizenPage.arrive(new OfficeFeedbackPage(site));
  }

  /** Narrows the list to one point's comments that wait for a reply. */
  async awaitingReply(pointCode: string): Promise<OfficeFeedbackPage> {
    const form = this.page.locator('main form.search-form');
    await form.locator('#f-point').fill(pointCode);
    await form.locator('#f-reply').selectOption('awaiting');
    await this.submit(form.locator('button[type="submit"]'));
    return OfficeFeedbackPage.arrived(this.site);
  }

  /** The card of the rating whose comment is `text`. */
  card(text: string): Locator {
    return this.page.locator('main ul.result-list > li.card').filter({ has: this.page.locator('blockquote', { hasText: exactly(text) }) });
  }

  /** Follows the card's "answer this comment" link. */
  async answer(text: string): Promise<OfficeFeedbackRatingPage> {
    await this.navigate(() => this.card(text).locator('a[href*="#reply-heading"]').click());
    return OfficeFeedbackRatingPage.arrived(this.site);
  }
}
