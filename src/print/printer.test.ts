import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrinter, PAGE_SIZES, PRINT_ORIGIN, PrinterBusyError, PrinterUnavailableError, type Asset } from './printer.js';

const CHROMIUM = '/usr/bin/chromium';
const css = '@page { size: A4; margin: 0 } body { margin: 0 } .box { width: 100mm; height: 50mm; background: #0b4f8a }';
const document = (body: string) => `<!doctype html><html lang="th"><head><meta charset="utf-8"><base href="${PRINT_ORIGIN}/"><link rel="stylesheet" href="/assets/css/test.css"></head><body>${body}</body></html>`;

describe('printer', () => {
  const requested: string[] = [];
  const printer = createPrinter({
    chromiumPath: CHROMIUM,
    loadAsset: async (path): Promise<Asset> => {
      requested.push(path);
      return path.startsWith('/assets/css/test.css') ? { status: 200, contentType: 'text/css', body: Buffer.from(css) } : { status: 404, contentType: 'text/plain', body: Buffer.from('') };
    },
  });
  afterAll(() => printer.close());

  it('prints a PDF sized by the document’s @page rule, with assets from the app and nothing from the network', async () => {
    const pdf = await printer.render({
      html: document('<div class="box"></div><img src="https://tile.openstreetmap.org/0/0/0.png" alt=""><p>น้ำ</p>'),
      format: 'pdf',
      page: PAGE_SIZES.A4,
    });
    const pages = (await PDFDocument.load(pdf)).getPages();
    expect(pages).toHaveLength(1);
    expect(Math.round(pages[0]!.getWidth())).toBe(595);
    expect(requested).toEqual(['/assets/css/test.css']);
  }, 60_000);

  it('screenshots a PNG of the page at the asked scale, reusing its warm page', async () => {
    const png = await printer.render({ html: document('<div class="box"></div>'), format: 'png', page: PAGE_SIZES.A6, scale: 1 });
    const image = sharp(png);
    expect(await image.metadata()).toMatchObject({ format: 'png', width: 397, height: 559 });
    // The stylesheet applied: the top-left pixel is the box's blue.
    const { data } = await image.extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0x0b, 0x4f, 0x8a]);
  }, 60_000);

  it('gives up on a document that takes longer than its deadline', async () => {
    await expect(printer.render({ html: document('<p>slow</p>'), format: 'pdf', page: PAGE_SIZES.A4, timeoutMs: 1 })).rejects.toBeInstanceOf(PrinterBusyError);
    // and keeps working for the next one
    expect((await printer.render({ html: document('<p>next</p>'), format: 'pdf', page: PAGE_SIZES.A4 })).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});

describe('printer queue', () => {
  it('renders a burst a few at a time and turns away what does not fit in the queue', async () => {
    const printer = createPrinter({
      chromiumPath: CHROMIUM,
      concurrency: 1,
      maxQueue: 2,
      loadAsset: async () => ({ status: 404, contentType: 'text/plain', body: Buffer.from('') }),
    });
    try {
      const job = () => printer.render({ html: document('<p>ก</p>'), format: 'pdf', page: PAGE_SIZES.A4 });
      const results = await Promise.allSettled([job(), job(), job(), job()]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(PrinterBusyError);
    } finally {
      await printer.close();
    }
    await expect(printer.render({ html: document(''), format: 'pdf', page: PAGE_SIZES.A4 })).rejects.toBeInstanceOf(PrinterUnavailableError);
  }, 90_000);

  it('says Chromium is unavailable when it is not installed', async () => {
    const printer = createPrinter({ chromiumPath: '/nonexistent/chromium', loadAsset: async () => ({ status: 404, contentType: 'text/plain', body: Buffer.from('') }) });
    await expect(printer.render({ html: document(''), format: 'pdf', page: PAGE_SIZES.A4 })).rejects.toBeInstanceOf(PrinterUnavailableError);
    await printer.close();
  });
});
