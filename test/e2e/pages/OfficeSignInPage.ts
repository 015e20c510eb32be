import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeHomePage } from './OfficeHomePage.js';
import { OfficePage } from './OfficePage.js';
import { OfficeTwoFactorPage } from './OfficeTwoFactorPage.js';

/** `/office/sign-in`: e-mail and password; supervisors and admins continue to the second factor. */
export class OfficeSignInPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site): Promise<OfficeSignInPage> {
    await site.goto('/office/sign-in');
    return CitizenPage.arrive(new OfficeSignInPage(site));
  }

  private async enter(email: string, password: string): Promise<void> {
    await this.page.locator('#f-email').fill(email);
    await this.page.locator('#f-password').fill(password);
    await this.submit(this.page.locator('main form button[type="submit"]'));
  }

  /** An officer: straight to the office home. */
  async signIn(email: string, password: string): Promise<OfficeHomePage> {
    await this.enter(email, password);
    return OfficeHomePage.arrived(this.site);
  }

  /** A supervisor or admin: the second factor comes first. */
  async signInWithSecondFactor(email: string, password: string): Promise<OfficeTwoFactorPage> {
    await this.enter(email, password);
    return OfficeTwoFactorPage.arrived(this.site);
  }
}
