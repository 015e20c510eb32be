import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeNewPointPage } from './OfficeNewPointPage.js';
import { OfficePage } from './OfficePage.js';

/** `/office/points`: the service points the officer may see, and the way to add one. */
export class OfficePointsPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficePointsPage> {
    return CitizenPage.arrive(new OfficePointsPage(site));
  }

  async addPoint(): Promise<OfficeNewPointPage> {
    await this.navigate(() => this.page.locator('main a[href="/office/points/new"]').click());
    return OfficeNewPointPage.arrived(this.site);
  }
}
