import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeMessagePage } from './OfficeMessagePage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/verify/{token}`, the link of the confirmation e-mail: the new officer sets a password. */
export class OfficeSetPasswordPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  /** Opens a link from an e-mail on the site under test (the mail names the configured public address). */
  static async openLink(site: Site, link: string): Promise<OfficeSetPasswordPage> {
    await site.goto(new URL(link).pathname);
    return CitizenPage.arrive(new OfficeSetPasswordPage(site));
  }

  async setPassword(password: string): Promise<OfficeMessagePage> {
    await this.page.locator('#f-password').fill(password);
    await this.page.locator('#f-password2').fill(password);
    await this.submit(this.page.locator('main form button[type="submit"]'));
    return OfficeMessagePage.arrived(this.site);
  }
}
