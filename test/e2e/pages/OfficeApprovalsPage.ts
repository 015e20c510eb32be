import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/approvals`: accounts waiting for approval in the approver's scope, one card each. */
export class OfficeApprovalsPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeApprovalsPage> {
    return CitizenPage.arrive(new OfficeApprovalsPage(site));
  }

  /** The card of the account registered with `email`. */
  account(email: string): Locator {
    return this.page.locator('main li.card').filter({ hasText: email });
  }

  async approve(email: string): Promise<OfficeApprovalsPage> {
    await this.submit(this.account(email).locator('button[name="decision"][value="approve"]'));
    return OfficeApprovalsPage.arrived(this.site);
  }
}
