import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { SearchResultsPage } from './SearchResultsPage.js';

/** `/` and `/en`: the way in, with the search form. */
export class HomePage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site, locale: 'th' | 'en' = 'th'): Promise<HomePage> {
    await site.goto(locale === 'th' ? '/' : '/en');
    return CitizenPage.arrive(new HomePage(site));
  }

  searchInput(): Locator {
    return this.page.locator('form[role="search"] input[name="q"]').first();
  }

  /** Types the query and submits it the way a visitor does, with Enter. */
  async search(query: string): Promise<SearchResultsPage> {
    await this.searchInput().fill(query);
    await this.navigate(() => this.searchInput().press('Enter'));
    return SearchResultsPage.arrived(this.site);
  }
}
