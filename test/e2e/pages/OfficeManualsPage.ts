import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePointFrame } from './OfficePointFrame.js';
import { OfficeZeroCopyPage } from './OfficeZeroCopyPage.js';

/** `/office/points/{code}/manuals`: the Citizen's Manuals linked to the point, and a Thai search of the catalogue. */
export class OfficeManualsPage extends OfficePointFrame {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeManualsPage> {
    return CitizenPage.arrive(new OfficeManualsPage(site));
  }

  /** The titles of the linked manuals, in the order shown. */
  async linkedTitles(): Promise<string[]> {
    return (await this.page.locator('main > ul.result-list > li.card > h4 > a').allInnerTexts()).map((title) => title.trim());
  }

  async search(query: string): Promise<OfficeManualsPage> {
    await this.page.locator('#manual-q').fill(query);
    await this.navigate(() => this.page.locator('#manual-q').press('Enter'));
    return OfficeManualsPage.arrived(this.site);
  }

  /** A search result, by its exact title. */
  result(title: string): Locator {
    return this.page.locator('section[aria-labelledby="results-title"] li.card').filter({ has: this.page.locator('h4', { hasText: exactly(title) }) });
  }

  /** Links the search result titled `title` to the point. */
  async link(title: string): Promise<OfficeManualsPage> {
    await this.submit(this.result(title).locator('form button[type="submit"]'));
    return OfficeManualsPage.arrived(this.site);
  }

  async openZeroCopy(): Promise<OfficeZeroCopyPage> {
    await this.openTab('/zero-copy');
    return OfficeZeroCopyPage.arrived(this.site);
  }
}
