import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { exactly } from '../support/text.js';
import { CitizenPage } from './CitizenPage.js';
import { OfficePointFrame } from './OfficePointFrame.js';
import { OfficePosterPage } from './OfficePosterPage.js';

export type ZeroCopyDeclaration = { status: 'verified_at_source'; method: 'smart_card' | 'data_link' } | { status: 'copy_by_office' };

/**
 * `/office/points/{code}/zero-copy`: one card per state-issued document name across the point's
 * manuals; its form sets the state for all of them at once.
 */
export class OfficeZeroCopyPage extends OfficePointFrame {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficeZeroCopyPage> {
    return CitizenPage.arrive(new OfficeZeroCopyPage(site));
  }

  /** "ยังขอสำเนาจากประชาชน N รายการ", or that none is demanded any more. */
  count(): Locator {
    return this.page.locator('#zc-count');
  }

  /** The card of a document, by its Thai name. */
  document(nameTh: string): Locator {
    return this.page.locator('.zc-group').filter({ has: this.page.locator('h4', { hasText: exactly(nameTh) }) });
  }

  async declare(nameTh: string, declaration: ZeroCopyDeclaration): Promise<OfficeZeroCopyPage> {
    const card = this.document(nameTh);
    await card.locator('details.zc-edit > summary').click();
    const form = card.locator('form.zc-form');
    await form.locator(`input[name="status"][value="${declaration.status}"]`).check();
    if (declaration.status === 'verified_at_source') await form.locator(`input[name="method"][value="${declaration.method}"]`).check();
    await this.submit(form.locator('button[type="submit"]'));
    return OfficeZeroCopyPage.arrived(this.site);
  }

  async openPoster(): Promise<OfficePosterPage> {
    await this.followPosterLink();
    return OfficePosterPage.arrived(this.site);
  }
}
