import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';

/** `/track/{number}`: a complaint's status, the office's public answer and its history — nothing personal. */
export class TrackPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site, number: string): Promise<TrackPage> {
    await site.goto(`/track/${number}`);
    return TrackPage.arrived(site);
  }

  static arrived(site: Site): Promise<TrackPage> {
    return CitizenPage.arrive(new TrackPage(site));
  }

  async trackingNumber(): Promise<string> {
    return (await this.page.locator('h1 .tracking-number').innerText()).trim();
  }

  /** "ส่งเรื่องแล้ว …", right after sending. */
  notice(): Locator {
    return this.page.locator('main [role="status"].notice');
  }

  status(): Locator {
    return this.page.locator('.status-line .badge');
  }

  answer(): Locator {
    return this.page.locator('section[aria-labelledby="answer-heading"] .answer');
  }

  /** The statuses of the history, oldest first. */
  async history(): Promise<string[]> {
    return (await this.page.locator('ol.timeline > li strong').allInnerTexts()).map((status) => status.trim());
  }
}
