import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeApprovalsPage } from './OfficeApprovalsPage.js';
import { OfficeComplaintsPage } from './OfficeComplaintsPage.js';
import { OfficeFeedbackPage } from './OfficeFeedbackPage.js';
import { OfficePage } from './OfficePage.js';
import { OfficePointsPage } from './OfficePointsPage.js';

/** `/office`: the signed-in officer's roles and the way to the rest of the back office. */
export class OfficeHomePage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeHomePage> {
    return CitizenPage.arrive(new OfficeHomePage(site));
  }

  /** The list under the first heading; the feedback summary's list comes later, in a section of its own. */
  roles(): Locator {
    return this.page.locator('main h2').first().locator('xpath=following-sibling::ul[1]/li');
  }

  private menu(path: string): Locator {
    return this.page.locator(`nav.main-nav a[href="${path}"]`);
  }

  async openApprovals(): Promise<OfficeApprovalsPage> {
    await this.navigate(() => this.page.locator('main a[href="/office/approvals"]').click());
    return OfficeApprovalsPage.arrived(this.site);
  }

  async openPoints(): Promise<OfficePointsPage> {
    await this.navigate(() => this.menu('/office/points').click());
    return OfficePointsPage.arrived(this.site);
  }

  async openComplaints(): Promise<OfficeComplaintsPage> {
    await this.navigate(() => this.menu('/office/complaints').click());
    return OfficeComplaintsPage.arrived(this.site);
  }

  async openFeedback(): Promise<OfficeFeedbackPage> {
    await this.navigate(() => this.menu('/office/feedback').click());
    return OfficeFeedbackPage.arrived(this.site);
  }
}
