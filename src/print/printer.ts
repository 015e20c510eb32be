/**
 * Printed documents (QR posters, PDF reports) are HTML/CSS print templates; this module turns them
 * into PDF or PNG with headless Chromium — Debian's `chromium` driven by playwright-core, because
 * it shapes and wraps Thai correctly where PDF libraries do not (DESIGN §2, Documents).
 *
 * - One browser is launched on first use and reused, and so are its pages (a fresh page costs more
 *   than rendering a poster); a crashed browser is relaunched on the next job.
 * - Jobs run through a bounded queue (`concurrency` pages at a time, `maxQueue` waiting), so a burst
 *   of requests waits its turn instead of opening many pages on a small machine; a job that waits
 *   and renders longer than its deadline fails with `PrinterBusyError`.
 * - The HTML is set directly on an empty page whose `<base>` is `PRINT_ORIGIN`; requests to that
 *   origin's `/assets/` (stylesheets, fonts, images) are answered by `loadAsset` — the app itself —
 *   and every other request is refused, so rendering needs no network.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Documents rendered here set `<base href={PRINT_ORIGIN + '/'}>`; the name can never resolve. */
export const PRINT_ORIGIN = 'http://print.citizeninfo.invalid';

export interface Asset {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface PageSize {
  widthMm: number;
  heightMm: number;
}

export const PAGE_SIZES = {
  A4: { widthMm: 210, heightMm: 297 },
  A6: { widthMm: 105, heightMm: 148 },
} as const satisfies Record<string, PageSize>;

export interface RenderJob {
  html: string;
  format: 'pdf' | 'png';
  /** the sheet size, for the PNG (the document's own `@page` rules size the PDF) */
  page: PageSize;
  /** PNG device pixels per CSS pixel (2 ≈ 192 dpi) */
  scale?: number;
  /** waiting and rendering together, in milliseconds */
  timeoutMs?: number;
}

/** Chromium is not installed or does not start: the caller offers the browser's own printing. */
export class PrinterUnavailableError extends Error {}
/** Too many documents waiting, or this one took too long: try again later. */
export class PrinterBusyError extends Error {}

export interface Printer {
  render(job: RenderJob): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PrinterOptions {
  chromiumPath: string;
  loadAsset: (path: string) => Promise<Asset>;
  concurrency?: number;
  maxQueue?: number;
  defaultTimeoutMs?: number;
}

const CSS_PX_PER_MM = 96 / 25.4;
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

interface Waiter {
  start: () => void;
  fail: (error: Error) => void;
}

export function createPrinter(options: PrinterOptions): Printer {
  const concurrency = options.concurrency ?? 2;
  const maxQueue = options.maxQueue ?? 20;
  let browser: Promise<Browser> | null = null;
  /** one context per PNG scale (a context's device scale is fixed), made on first use */
  let contexts = new Map<number, Promise<BrowserContext>>();
  /** warm pages waiting for the next job: a new page costs more than rendering one */
  let idle = new Map<number, Page[]>();
  let closed = false;
  let running = 0;
  const waiting: Waiter[] = [];

  function launch(): Promise<Browser> {
    if (!browser) {
      if (!existsSync(options.chromiumPath)) throw new PrinterUnavailableError(`Chromium not found at ${options.chromiumPath}`);
      // Loaded on first print: playwright-core takes a third of a second off every start-up.
      const launching = import('playwright-core')
        .then(({ chromium }) => chromium.launch({ executablePath: options.chromiumPath, args: LAUNCH_ARGS, timeout: 30_000 }))
        .then(
        (started) => {
          started.on('disconnected', () => {
            // A crashed browser takes its contexts and pages with it; the next job starts afresh.
            if (browser !== launching) return;
            browser = null;
            contexts = new Map();
            idle = new Map();
          });
          return started;
        },
        (error: unknown) => {
          browser = null;
          throw new PrinterUnavailableError(`Chromium at ${options.chromiumPath} did not start`, { cause: error });
        },
      );
      browser = launching;
    }
    return browser;
  }

  function contextFor(scale: number): Promise<BrowserContext> {
    let context = contexts.get(scale);
    if (!context) {
      context = launch().then(async (started) => {
        const created = await started.newContext({ deviceScaleFactor: scale });
        await created.route('**/*', async (route) => {
          const url = new URL(route.request().url());
          if (url.origin !== PRINT_ORIGIN || !url.pathname.startsWith('/assets/')) return route.abort('blockedbyclient');
          const asset = await options.loadAsset(url.pathname + url.search);
          return route.fulfill({ status: asset.status, contentType: asset.contentType, body: asset.body });
        });
        return created;
      });
      context.catch(() => contexts.delete(scale));
      contexts.set(scale, context);
    }
    return context;
  }

  async function takePage(scale: number): Promise<Page> {
    const pool = idle.get(scale) ?? [];
    idle.set(scale, pool);
    for (let page = pool.pop(); page; page = pool.pop()) if (!page.isClosed()) return page;
    const page = await (await contextFor(scale)).newPage();
    await page.emulateMedia({ media: 'print' });
    return page;
  }

  /** Resolves when a rendering slot is ours; the caller must call `release()` afterwards. */
  function acquire(deadline: number): Promise<void> {
    if (running < concurrency) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= maxQueue) return Promise.reject(new PrinterBusyError('the render queue is full'));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = waiting.indexOf(waiter);
        if (index >= 0) waiting.splice(index, 1);
        reject(new PrinterBusyError('waited too long for a render slot'));
      }, Math.max(0, deadline - Date.now()));
      const waiter: Waiter = {
        // The slot passes straight from the finished job to this one: `running` stays the same.
        start: () => {
          clearTimeout(timer);
          resolve();
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      waiting.push(waiter);
    });
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next.start();
    else running--;
  }

  async function renderOn(page: Page, job: RenderJob, deadline: number): Promise<Buffer> {
    const remaining = () => Math.max(1, deadline - Date.now());
    page.setDefaultTimeout(remaining());
    await page.setViewportSize({ width: Math.round(job.page.widthMm * CSS_PX_PER_MM), height: Math.round(job.page.heightMm * CSS_PX_PER_MM) });
    await page.setContent(job.html, { waitUntil: 'load', timeout: remaining() });
    // Fonts load when text first needs them: lay the page out, then wait until every face is in.
    await page.evaluate(async () => {
      document.body.getBoundingClientRect();
      await document.fonts.ready;
    });
    // The document's `@page` rules set the paper, as they do when the office prints from a browser.
    if (job.format === 'pdf') return page.pdf({ preferCSSPageSize: true, printBackground: true });
    return page.screenshot({ type: 'png', timeout: remaining() });
  }

  return {
    async render(job) {
      if (closed) throw new PrinterUnavailableError('the printer is closed');
      const deadline = Date.now() + (job.timeoutMs ?? options.defaultTimeoutMs ?? 60_000);
      // Fail fast, before queueing, when Chromium is not there at all.
      if (!browser && !existsSync(options.chromiumPath)) throw new PrinterUnavailableError(`Chromium not found at ${options.chromiumPath}`);
      await acquire(deadline);
      const scale = job.scale ?? 2;
      let page: Page | null = null;
      let timedOut = false;
      // At the deadline, closing the page makes every pending browser call on it fail at once.
      const timer = setTimeout(() => {
        timedOut = true;
        void page?.close().catch(() => undefined);
      }, Math.max(1, deadline - Date.now()));
      try {
        page = await takePage(scale);
        if (timedOut) throw new PrinterBusyError('rendering took too long');
        const body = await renderOn(page, job, deadline);
        idle.get(scale)?.push(page);
        return body;
      } catch (error) {
        // A page that failed may be in any state: never reuse it.
        void page?.close().catch(() => undefined);
        // Playwright reports its own timeouts as TimeoutError; both mean "took too long".
        if (timedOut || (error instanceof Error && error.name === 'TimeoutError')) throw new PrinterBusyError('rendering took too long', { cause: error });
        throw error;
      } finally {
        clearTimeout(timer);
        release();
      }
    },
    async close() {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter.fail(new PrinterUnavailableError('the printer is closed'));
      const current = browser;
      browser = null;
      contexts = new Map();
      idle = new Map();
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
