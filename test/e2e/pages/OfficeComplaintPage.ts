import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/complaints/{number}`: the complaint, its history, and the form that moves it on. */
export class OfficeComplaintPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeComplaintPage> {
    return CitizenPage.arrive(new OfficeComplaintPage(site));
  }

  status(): Locator {
    return this.page.locator('main > .meta-row .badge');
  }

  /** Moves the complaint to `status` (e.g. `accepted`), with an answer the complainant sees. */
  async move(status: string, publicAnswer: string): Promise<OfficeComplaintPage> {
    await this.page.locator(`input[name="to"][value="${status}"]`).check();
    await this.page.locator('#f-public_note').fill(publicAnswer);
    await this.submit(this.page.locator('section[aria-labelledby="action-heading"] form button[type="submit"]'));
    return OfficeComplaintPage.arrived(this.site);
  }
}
