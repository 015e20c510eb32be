import type { Locator } from 'playwright-core';
import { OfficePage } from './OfficePage.js';

/** The pages of one service point in the back office: its name, code, and tabs. */
export abstract class OfficePointFrame extends OfficePage {
  /** The point's public code, e.g. `ABC234`, from the URL. */
  code(): string {
    const match = /^\/office\/points\/([A-Z0-9]{6})(\/|$)/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`${this.page.url()} is not a page of a service point`);
    return match[1];
  }

  protected tab(path: '' | '/pin' | '/hours' | '/manuals' | '/zero-copy'): Locator {
    return this.page.locator(`nav.tabs a[href="/office/points/${this.code()}${path}"]`);
  }

  protected async openTab(path: '/pin' | '/hours' | '/manuals' | '/zero-copy'): Promise<void> {
    await this.navigate(() => this.tab(path).click());
  }

  protected async followPosterLink(): Promise<void> {
    await this.navigate(() => this.page.locator(`main a[href="/office/points/${this.code()}/poster"]`).click());
  }
}
