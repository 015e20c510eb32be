import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/feedback/{id}`: one rating with every answer, its comment, and the public reply (once). */
export class OfficeFeedbackRatingPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeFeedbackRatingPage> {
    return CitizenPage.arrive(new OfficeFeedbackRatingPage(site));
  }

  /** The value of a fact in the lists of the page, by its term, e.g. "ช่องทาง". */
  fact(term: string): Locator {
    return this.page.locator('main dl.facts > dt').filter({ hasText: exactly(term) }).locator('xpath=following-sibling::dd[1]');
  }

  comment(): Locator {
    return this.page.locator('section[aria-labelledby="comment-heading"] blockquote');
  }

  replySection(): Locator {
    return this.page.locator('section[aria-labelledby="reply-heading"]');
  }

  /** The reply as published (after the heading line with its date and author). */
  reply(): Locator {
    return this.replySection().locator('.answer > p:not(:first-child)');
  }

  async sendReply(text: string): Promise<OfficeFeedbackRatingPage> {
    await this.replySection().locator('#f-reply').fill(text);
    await this.submit(this.replySection().locator('form button[type="submit"]'));
    return OfficeFeedbackRatingPage.arrived(this.site);
  }
}
