import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePage } from './OfficePage.js';
import { OfficePinPage } from './OfficePinPage.js';

export interface NewPoint {
  nameTh: string;
  addressTh: string;
  phones: string;
}

/**
 * `/office/points/new`: an officer of one organisation starts in its area (province and district
 * chosen); after saving, the point's position page asks for the exact pin.
 */
export class OfficeNewPointPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeNewPointPage> {
    return CitizenPage.arrive(new OfficeNewPointPage(site));
  }

  /** The selected province and district, as their options read. */
  async area(): Promise<{ province: string; district: string }> {
    const selected = (id: string) => this.page.locator(`${id} option:checked`).innerText();
    return { province: await selected('#f-province'), district: await selected('#f-district') };
  }

  async create(point: NewPoint): Promise<OfficePinPage> {
    await this.page.locator('#f-name_th').fill(point.nameTh);
    await this.page.locator('#f-address_th').fill(point.addressTh);
    await this.page.locator('#f-phones').fill(point.phones);
    await this.submit(this.page.locator('main p.actions button[name="action"][value="save"]'));
    return OfficePinPage.arrived(this.site);
  }
}
