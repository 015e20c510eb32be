import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficeMessagePage } from './OfficeMessagePage.js';
import { OfficePage } from './OfficePage.js';

export interface Registration {
  /** the province to narrow the search, as the select shows it */
  province: string;
  /** what the officer types to find the organisation */
  query: string;
  /** the organisation's full Thai name, as the list shows it */
  organisation: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/**
 * `/office/register`: the organisation is found as the officer types (with JavaScript; a "find"
 * button without), and the proof of work is solved in the page before the form may go.
 */
export class OfficeRegisterPage extends OfficePage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site): Promise<OfficeRegisterPage> {
    await site.goto('/office/register');
    return CitizenPage.arrive(new OfficeRegisterPage(site));
  }

  /** The organisations offered, by their Thai names. */
  choices(): Locator {
    return this.page.locator('[data-choices] .choice-list label');
  }

  /** The proof of work as the page solved it in the background: the server's challenge and the solution found. */
  async proofOfWork(): Promise<{ challenge: { signature: string }; solution: { counter: number } }> {
    await this.page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="altcha"]')?.value !== '');
    const value = await this.page.locator('input[name="altcha"]').inputValue();
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { challenge: { signature: string }; solution: { counter: number } };
  }

  /**
   * Types the name and picks the organisation from the list that appears without a page load;
   * the page is audited again with the list in it.
   */
  async chooseOrganisation(province: string, query: string, organisation: string): Promise<void> {
    await this.page.locator('#f-organisation_province').selectOption({ label: province });
    await this.page.locator('#f-organisation_query').pressSequentially(query, { delay: 30 });
    const choice = this.choices().filter({ has: this.page.locator('strong', { hasText: exactly(organisation) }) });
    await choice.waitFor();
    await this.site.audit();
    await choice.locator('input[type="radio"]').check();
  }

  /** Fills the form, waits for the proof of work, and registers. */
  async register(person: Registration): Promise<OfficeMessagePage> {
    await this.chooseOrganisation(person.province, person.query, person.organisation);
    await this.page.locator('#f-first_name').fill(person.firstName);
    await this.page.locator('#f-last_name').fill(person.lastName);
    await this.page.locator('#f-email').fill(person.email);
    await this.page.locator('#f-phone').fill(person.phone);
    await this.proofOfWork();
    await this.submit(this.page.locator('button[name="action"][value="register"]'));
    return OfficeMessagePage.arrived(this.site);
  }
}
