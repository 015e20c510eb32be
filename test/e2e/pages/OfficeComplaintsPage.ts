import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeComplaintPage } from './OfficeComplaintPage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/complaints`: the inbox of the complaints in the officer's scope, newest first. */
export class OfficeComplaintsPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeComplaintsPage> {
    return CitizenPage.arrive(new OfficeComplaintsPage(site));
  }

  async open(number: string): Promise<OfficeComplaintPage> {
    await this.navigate(() => this.page.locator(`ul.complaint-list a[href="/office/complaints/${number}"]`).click());
    return OfficeComplaintPage.arrived(this.site);
  }
}
