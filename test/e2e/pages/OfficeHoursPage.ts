import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeManualsPage } from './OfficeManualsPage.js';
import { OfficePointFrame } from './OfficePointFrame.js';

/** Day keys as the form names them: 1 = Monday … 6 = Saturday, 0 = Sunday. */
export type Weekday = '0' | '1' | '2' | '3' | '4' | '5' | '6';

/** `/office/points/{code}/hours`: up to three periods a day, "copy Monday" with JavaScript. */
export class OfficeHoursPage extends OfficePointFrame {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeHoursPage> {
    return CitizenPage.arrive(new OfficeHoursPage(site));
  }

  async setDay(day: Weekday, periods: [string, string][]): Promise<void> {
    for (const [index, [from, to]] of periods.entries()) {
      await this.page.locator(`#f-d${day}_from${index + 1}`).fill(from);
      await this.page.locator(`#f-d${day}_to${index + 1}`).fill(to);
    }
  }

  async closeDay(day: Weekday): Promise<void> {
    await this.page.locator(`input[name="d${day}_closed"]`).check();
  }

  /** The button that copies Monday to Tuesday–Friday in the page. */
  async copyMonday(): Promise<void> {
    await this.page.locator('[data-copy-monday]').click();
  }

  period(day: Weekday, index: number): Promise<[string, string]> {
    return Promise.all([this.page.locator(`#f-d${day}_from${index}`).inputValue(), this.page.locator(`#f-d${day}_to${index}`).inputValue()]);
  }

  async save(): Promise<OfficeHoursPage> {
    await this.submit(this.page.locator('form.hours-form p.actions button[type="submit"]'));
    return OfficeHoursPage.arrived(this.site);
  }

  async openManuals(): Promise<OfficeManualsPage> {
    await this.openTab('/manuals');
    return OfficeManualsPage.arrived(this.site);
  }
}
