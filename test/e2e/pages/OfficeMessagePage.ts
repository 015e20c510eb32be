import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePage } from './OfficePage.js';

/** A page that only says something: "check your e-mail", "e-mail confirmed". */
export class OfficeMessagePage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeMessagePage> {
    return CitizenPage.arrive(new OfficeMessagePage(site));
  }

  text(): Locator {
    return this.page.locator('main h1 ~ p');
  }
}
