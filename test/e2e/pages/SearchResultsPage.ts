import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { PointPage } from './PointPage.js';

/** `/search?q=…`: `ol.result-list > li`, each with the point's name linking to `/p/{code}`. */
export class SearchResultsPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static async open(site: Site, query: string, locale: 'th' | 'en' = 'th'): Promise<SearchResultsPage> {
    await site.goto(`${locale === 'th' ? '' : '/en'}/search?q=${encodeURIComponent(query)}`);
    return SearchResultsPage.arrived(site);
  }

  static arrived(site: Site): Promise<SearchResultsPage> {
    return CitizenPage.arrive(new SearchResultsPage(site));
  }

  results(): Locator {
    return this.page.locator('ol.result-list > li');
  }

  pointLink(index: number): Locator {
    return this.results().nth(index).locator('a[href*="/p/"]').first();
  }

  /** The names the results show, in order. */
  async names(): Promise<string[]> {
    return (await this.results().locator('a[href*="/p/"]').allTextContents()).map((name) => name.trim());
  }

  async openResult(index = 0): Promise<PointPage> {
    await this.navigate(() => this.pointLink(index).click());
    return PointPage.arrived(this.site);
  }
}
