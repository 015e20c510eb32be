import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeHoursPage } from './OfficeHoursPage.js';
import { OfficePointFrame } from './OfficePointFrame.js';

/**
 * `/office/points/{code}/pin`: the saved position (`dl.facts`), and the picker, which reads a
 * typed position or pasted map link as it is entered (`[data-status]`, with JavaScript).
 */
export class OfficePinPage extends OfficePointFrame {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficePinPage> {
    return CitizenPage.arrive(new OfficePinPage(site));
  }

  /** The value of a saved fact, by its Thai term, e.g. "พิกัด". */
  fact(term: string): Locator {
    return this.page.locator('dl.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  /** What the picker read from the field: "อ่านได้เป็น …" or why it could not. */
  private reading(): Locator {
    return this.page.locator('[data-status]');
  }

  /** The warning that the saved pin lies outside the point's district. */
  districtWarning(): Locator {
    return this.page.locator('main .notice.warn');
  }

  /**
   * Pastes `text` into the position field and returns what the picker read from it before
   * anything is saved; the page is audited again as it then stands.
   */
  async paste(text: string): Promise<string> {
    // The picker starts reading the field once its map is up (Leaflet loads on demand; slowly on a busy machine).
    await this.page.locator('main [data-map].leaflet-container').waitFor();
    await this.page.locator('#f-location').fill(text);
    await this.page.waitForFunction(() => (document.querySelector('[data-status]')?.textContent ?? '') !== '');
    await this.site.audit();
    return this.reading().innerText();
  }

  async save(): Promise<OfficePinPage> {
    await this.submit(this.page.locator('form.pin-form > button[type="submit"]'));
    return OfficePinPage.arrived(this.site);
  }

  async openHours(): Promise<OfficeHoursPage> {
    await this.openTab('/hours');
    return OfficeHoursPage.arrived(this.site);
  }
}
