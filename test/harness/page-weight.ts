/**
 * Page weight: the bytes a citizen's phone downloads to show one page, before any map tile.
 * Counted in a real browser as the encoded (compressed) response bodies of every request the
 * page made, so compression, fonts, scripts and styles all count as they travel.
 */
import type { Browser, Page, Request } from 'playwright-core';

/** The budget of one citizen page on a phone: 60 KB, about two seconds on a weak 3G connection. */
export const PAGE_BUDGET_BYTES = 60 * 1024;

export interface Transfer {
  url: string;
  status: number;
  resourceType: string;
  /** encoded body bytes as received */
  bodyBytes: number;
  headerBytes: number;
}

export interface PageWeight {
  /** the budgeted number: response bodies of the page's own requests, tiles excluded */
  bodyBytes: number;
  headerBytes: number;
  requests: number;
  tileRequests: number;
  bodyBytesByType: Record<string, number>;
  /** hosts other than the site and the tile server: a citizen page should have none */
  foreignHosts: string[];
  transfers: Transfer[];
}

/**
 * Whether a URL belongs to the tile server of a Leaflet-style template such as
 * `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png` (any subdomain for `{s}`).
 */
export function tileMatcher(tileUrlTemplate: string): (url: string) => boolean {
  const template = new URL(tileUrlTemplate.replaceAll('{s}', 'subdomain').replace(/\{[a-z]+\}/gi, '0'));
  const host = template.host;
  const anySubdomain = tileUrlTemplate.includes('{s}');
  const rest = host.slice(host.indexOf('.') + 1);
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== template.protocol) return false;
    if (!anySubdomain) return parsed.host === host;
    const dot = parsed.host.indexOf('.');
    return dot > 0 && parsed.host.slice(dot + 1) === rest;
  };
}

/** Sums what the page downloaded from its own origin and elsewhere, leaving tiles and inline data out. */
export function summarise(transfers: Transfer[], options: { origin: string; isTile: (url: string) => boolean }): PageWeight {
  const siteHost = new URL(options.origin).host;
  const counted: Transfer[] = [];
  const foreign = new Set<string>();
  const byType: Record<string, number> = {};
  let tileRequests = 0;
  for (const transfer of transfers) {
    if (/^(data|blob):/.test(transfer.url)) continue;
    if (options.isTile(transfer.url)) {
      tileRequests++;
      continue;
    }
    counted.push(transfer);
    byType[transfer.resourceType] = (byType[transfer.resourceType] ?? 0) + transfer.bodyBytes;
    const host = new URL(transfer.url).host;
    if (host !== siteHost) foreign.add(host);
  }
  return {
    bodyBytes: counted.reduce((sum, t) => sum + t.bodyBytes, 0),
    headerBytes: counted.reduce((sum, t) => sum + t.headerBytes, 0),
    requests: counted.length,
    tileRequests,
    bodyBytesByType: byType,
    foreignHosts: [...foreign].sort(),
    transfers: counted.sort((a, b) => b.bodyBytes - a.bodyBytes),
  };
}

export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** A readable account of a page's weight, largest transfers first. */
export function describeWeight(weight: PageWeight): string {
  const lines = weight.transfers.map((t) => `  ${kilobytes(t.bodyBytes).padStart(9)}  ${t.resourceType.padEnd(10)} ${t.status} ${t.url}`);
  return [`${kilobytes(weight.bodyBytes)} in ${weight.requests} requests (${weight.tileRequests} tile requests left out):`, ...lines].join('\n');
}

/** Records every request the page completes, with its sizes as the network saw them. */
export function recordTransfers(page: Page): () => Promise<Transfer[]> {
  const pending: Promise<Transfer>[] = [];
  const measure = async (request: Request, finished: boolean): Promise<Transfer> => {
    const response = finished ? await request.response() : null;
    const sizes = finished ? await request.sizes() : null;
    return {
      url: request.url(),
      status: response?.status() ?? 0,
      resourceType: request.resourceType(),
      bodyBytes: sizes?.responseBodySize ?? 0,
      headerBytes: sizes?.responseHeadersSize ?? 0,
    };
  };
  page.on('requestfinished', (request) => pending.push(measure(request, true)));
  page.on('requestfailed', (request) => pending.push(measure(request, false)));
  return () => Promise.all(pending);
}

export interface LoadOptions {
  width: number;
  height?: number;
  tileUrl: string;
  javaScriptEnabled?: boolean;
}

/**
 * Loads a URL in a fresh browser context (empty cache, as on a first visit) and weighs it once the
 * network is idle. Tile requests are refused: the budget is for the page before any map tile.
 */
export async function weighPage(browser: Browser, url: string, options: LoadOptions): Promise<PageWeight> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 800 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  try {
    const isTile = tileMatcher(options.tileUrl);
    await context.route((target) => isTile(target.toString()), (route) => route.abort());
    const page = await context.newPage();
    const transfers = recordTransfers(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    return summarise(await transfers(), { origin: url, isTile });
  } finally {
    await context.close();
  }
}
