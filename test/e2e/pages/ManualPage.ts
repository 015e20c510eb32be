import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';

/** `/manuals/{slug}`: h1 = the manual's title, steps `ol.steps`, documents table `#documents`. */
export class ManualPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site, slug: string, locale: 'th' | 'en' = 'th'): Promise<ManualPage> {
    await site.goto(`${locale === 'th' ? '' : '/en'}/manuals/${slug}`);
    return ManualPage.arrived(site);
  }

  static arrived(site: Site): Promise<ManualPage> {
    return CitizenPage.arrive(new ManualPage(site));
  }

  steps(): Locator {
    return this.page.locator('ol.steps > li');
  }

  documents(): Locator {
    return this.page.locator('#documents');
  }

  async switchLanguage(): Promise<ManualPage> {
    await this.clickLanguageSwitch();
    return ManualPage.arrived(this.site);
  }
}
