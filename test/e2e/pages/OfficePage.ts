/**
 * What every back-office page has: the rules of a citizen page (one h1, audited on arrival), the
 * confirmation of the last action, and the list of problems a refused form comes back with.
 */
import type { Locator } from 'playwright-core';
import { CitizenPage } from './CitizenPage.js';

export abstract class OfficePage extends CitizenPage {
  /** The confirmation an action leaves, e.g. "บันทึกแล้ว". */
  notice(): Locator {
    return this.page.locator('main [role="status"].notice');
  }

  problems(): Locator {
    return this.page.locator('main [role="alert"]');
  }

  /**
   * Submits with `button` and waits for the answer. The journeys never send wrong input on
   * purpose, so a form that comes back with problems fails here, saying which.
   */
  protected async submit(button: Locator): Promise<void> {
    await this.navigate(() => button.click());
    await this.page.waitForLoadState('load');
    if ((await this.problems().count()) > 0) {
      throw new Error(`${this.page.url()} refused the form: ${(await this.problems().first().innerText()).replace(/\s+/g, ' ')}`);
    }
  }
}
