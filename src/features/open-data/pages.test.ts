import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { formatNumber } from '../../i18n/index.js';
import { fromRoot } from '../../paths.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { CSV_COLUMNS } from './fields.js';
import { REFERENCE_SOURCES } from './sources.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://citizeninfo.example.go.th' });
});
afterAll(() => t.close());

/** The files listed in the table of reference-data/SOURCES.md, e.g. `geography/provinces.json`. */
function filesInSourcesMd(): string[] {
  const table = readFileSync(fromRoot('reference-data/SOURCES.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  return table.flatMap((line) => {
    const firstCell = line.split('|')[1] ?? '';
    const names = [...firstCell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    // "`geography/provinces.json`, `districts.json`" — later names share the first one's folder.
    const folder = names[0]?.includes('/') ? names[0].slice(0, names[0].lastIndexOf('/') + 1) : '';
    return names.map((name) => (name.includes('/') ? name : folder + name));
  });
}

const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}"`);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('GET /open-data', () => {
  it('describes the open data in Thai, with downloads, API docs, examples and fields', async () => {
    const response = await t.app.inject('/open-data');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<html lang="th"');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1>ข้อมูลเปิด</h1>');
    expect(html).toContain('href="/open-data/service-points.geojson"');
    expect(html).toContain('href="/open-data/service-points.csv"');
    expect(html).toContain('href="/api/docs"');
    expect(html).toContain('href="/api/openapi.json"');
    expect(html).toContain('curl -o service-points.geojson &quot;https://citizeninfo.example.go.th/open-data/service-points.geojson&quot;');
    for (const column of CSV_COLUMNS) expect(section(html, 'fields')).toContain(`<code>${column}</code>`);
    expect(html).toContain('CC BY 4.0');

    const [active] = await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from service_points where status = 'active'`);
    expect(html).toContain(formatNumber(active!.n, 'th'));
  });

  it('lists every reference data source of reference-data/SOURCES.md with its licence', async () => {
    const sources = section((await t.app.inject('/open-data')).body, 'sources');
    const files = filesInSourcesMd();
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) expect(sources, file).toContain(`<code>${file}</code>`);
    expect(REFERENCE_SOURCES.flatMap((source) => source.files).sort()).toEqual([...files].sort());
    expect(sources).toContain('Royal Thai Survey Department; OCHA ROAP/HDX');
    expect(sources).toContain('CC BY-IGO 3.0');
    expect(sources).toContain('Open Data Common');
  });

  it('is in English under /en, with the same sections', async () => {
    const html = (await t.app.inject('/en/open-data')).body;
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<h1>Open data</h1>');
    for (const id of ['downloads', 'api', 'fields', 'satisfaction', 'licence', 'sources']) {
      expect(html).toContain(`<section id="${id}"`);
      expect(html).toContain(`href="#${id}"`);
    }
    expect(section(html, 'sources')).toContain('Names and locations of local administrative organisations');
    for (const [, heading] of html.matchAll(/<h[1-3][^>]*>([^<]*)</g)) expect(heading).not.toMatch(/[\u0e00-\u0e7f]/);
  });

  it('keeps headings in order and labels every control of the filter form', async () => {
    for (const url of ['/open-data', '/en/open-data']) {
      const html = (await t.app.inject(url)).body;
      const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
      levels.forEach((level, index) => {
        if (index > 0) expect(level - levels[index - 1]!, url).toBeLessThanOrEqual(1);
      });
      for (const [, id] of html.matchAll(/<select id="([^"]+)"/g)) expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain('formaction="/open-data/service-points.geojson"');
    }
  });

  it('offers every province in the filter, named in the page language', async () => {
    const [{ n }] = (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from provinces`)) as [{ n: number }];
    const th = (await t.app.inject('/open-data')).body;
    const en = (await t.app.inject('/en/open-data')).body;
    const provinceOptions = (html: string) => [...html.slice(html.indexOf('name="province"'), html.indexOf('</select>', html.indexOf('name="province"'))).matchAll(/<option value="(\d{2})">([^<]+)</g)];
    expect(provinceOptions(th)).toHaveLength(n);
    expect(provinceOptions(th).find(([, code]) => code === '50')?.[2]).toBe('เชียงใหม่');
    expect(provinceOptions(en).find(([, code]) => code === '50')?.[2]).toBe('Chiang Mai');
  });

  it('describes the dataset for search engines', async () => {
    const html = (await t.app.inject('/open-data')).body;
    const json = /<script type="application\/ld\+json">([^<]+)<\/script>/.exec(html)?.[1];
    const dataset = JSON.parse(json ?? '{}') as { '@type': string; distribution: { contentUrl: string }[]; license: string };
    expect(dataset['@type']).toBe('Dataset');
    expect(dataset.distribution.map((d) => d.contentUrl)).toEqual([
      'https://citizeninfo.example.go.th/open-data/service-points.geojson',
      'https://citizeninfo.example.go.th/open-data/service-points.csv',
    ]);
    expect(dataset.license).toBe('https://creativecommons.org/licenses/by/4.0/');
  });

  it('ignores unknown query parameters', async () => {
    expect((await t.app.inject('/open-data?x=<script>')).statusCode).toBe(200);
  });
});
