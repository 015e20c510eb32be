import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeMessagePage } from './OfficeMessagePage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/verify/{token}`, the link of the confirmation e-mail: the new officer sets a password. */
export class OfficeSetPasswordPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  /** Opens the link of the e-mail as it is written there. */
  static async openLink(site: Site, link: string): Promise<OfficeSetPasswordPage> {
    await site.page.goto(link);
    return CitizenPage.arrive(new OfficeSetPasswordPage(site));
  }

  async setPassword(password: string): Promise<OfficeMessagePage> {
    await this.page.locator('#f-password').fill(password);
    await this.page.locator('#f-password2').fill(password);
    await this.submit(this.page.locator('main form button[type="submit"]'));
    return OfficeMessagePage.arrived(this.site);
  }
}
