import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeHomePage } from './OfficeHomePage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/two-factor`: the 6-digit code of an authenticator app. */
export class OfficeTwoFactorPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeTwoFactorPage> {
    return CitizenPage.arrive(new OfficeTwoFactorPage(site));
  }

  /** Types the code the authenticator shows; `code` gives a new one if the first is refused (used already). */
  async pass(code: () => Promise<string>): Promise<OfficeHomePage> {
    for (let attempt = 1; ; attempt++) {
      await this.page.locator('#f-code').fill(await code());
      await this.navigate(() => this.page.locator('main form button[type="submit"]').click());
      if (!this.site.path().startsWith('/office/two-factor')) return OfficeHomePage.arrived(this.site);
      if (attempt === 2) throw new Error(`the second factor refused two codes: ${await this.problems().allInnerTexts()}`);
      await this.page.waitForLoadState('load');
    }
  }
}
