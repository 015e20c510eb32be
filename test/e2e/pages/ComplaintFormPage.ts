import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { TrackPage } from './TrackPage.js';

export interface Complaint {
  /** a category code, e.g. `zero_copy` */
  category: string;
  description: string;
  photo: { name: string; mimeType: string; buffer: Buffer };
  contactName: string;
  email: string;
}

/**
 * `/p/{code}/complain`: the complaint form of one service point (multipart, so photos go without
 * JavaScript too; with it the proof of work is solved in the background).
 */
export class ComplaintFormPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site, code: string): Promise<ComplaintFormPage> {
    await site.goto(`/p/${code}/complain`);
    return ComplaintFormPage.arrived(site);
  }

  static arrived(site: Site): Promise<ComplaintFormPage> {
    return CitizenPage.arrive(new ComplaintFormPage(site));
  }

  /** Fills the form, gives consent to be told the outcome by e-mail, and sends it. */
  async send(complaint: Complaint): Promise<TrackPage> {
    await this.page.locator(`input[name="category"][value="${complaint.category}"]`).check();
    await this.page.locator('#f-description').fill(complaint.description);
    await this.page.locator('#f-photos').setInputFiles(complaint.photo);
    await this.page.locator('#f-contact_name').fill(complaint.contactName);
    await this.page.locator('#f-contact_email').fill(complaint.email);
    await this.page.locator('#f-consent').check();
    await this.navigate(() => this.page.locator('form.complaint-form > button[type="submit"]').click());
    return TrackPage.arrived(this.site);
  }
}
