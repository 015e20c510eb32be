import type { Locator } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';

export interface DownloadedFile {
  contentType: string;
  /** the name the server gives the file (Content-Disposition) */
  filename: string;
  body: Buffer;
}

/** `/office/points/{code}/poster`: the A4 QR poster as a print page, with PDF and PNG downloads. */
export class OfficePosterPage extends CitizenPage {
  private constructor(site: Site) {
    super(site);
  }

  static arrived(site: Site): Promise<OfficePosterPage> {
    return CitizenPage.arrive(new OfficePosterPage(site));
  }

  sheets(): Locator {
    return this.page.locator('main.sheets > *');
  }

  /**
   * Clicks the PDF link and returns the file as it reached the browser. The server sends it
   * inline, for the browser's PDF viewer to show and print, so it is read on its way there.
   */
  async downloadPdf(): Promise<DownloadedFile> {
    const link = this.page.locator('.print-toolbar a[href$="/poster.pdf"]');
    const path = await link.getAttribute('href');
    let delivered!: (file: DownloadedFile) => void;
    let failed!: (error: unknown) => void;
    const file = new Promise<DownloadedFile>((resolve, reject) => {
      delivered = resolve;
      failed = reject;
    });
    await this.page.route(
      (url) => url.pathname === path,
      async (route) => {
        try {
          // Rendering in the server's Chromium takes a few seconds on a busy machine.
          const response = await route.fetch({ timeout: 60_000 });
          const body = await response.body();
          const headers = response.headers();
          delivered({ contentType: headers['content-type'] ?? '', filename: /filename="([^"]+)"/.exec(headers['content-disposition'] ?? '')?.[1] ?? '', body });
          await route.fulfill({ response, body });
        } catch (error) {
          failed(error);
        }
      },
      { times: 1 },
    );
    await link.click();
    return file;
  }
}
