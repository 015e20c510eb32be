import { FormatRegistry, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { THAILAND_BOUNDS } from '../geography/bounds.js';
import { CSV_COLUMNS, PointFeatureCollection, PointProperties } from './fields.js';
import { safeCell } from './formats.js';
import { activePointChunks } from './points.js';

FormatRegistry.Set('uri', (value) => URL.canParse(value));
FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value));

let t: TestApp;
let area: { provinceCode: string; districtCode: string; kind: string };

const activeCount = async (where = sql`true`) =>
  (
    await rows<{ n: number }>(
      t.app.db,
      sql`select count(*)::int as n from service_points p join organisations o on o.id = p.organisation_id where p.status = 'active' and ${where}`,
    )
  )[0]!.n;

const geojson = (query = '') => t.app.inject(`/open-data/service-points.geojson${query}`);
const csv = (query = '') => t.app.inject(`/open-data/service-points.csv${query}`);
const csvRecords = (body: string) => parse(body, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];

beforeAll(async () => {
  t = await createTestApp();
  // The busiest district and its commonest kind of organisation: filters that match many points.
  [area] = await rows<typeof area>(
    t.app.db,
    sql`select p.province_code as "provinceCode", p.district_code as "districtCode", o.kind
        from service_points p join organisations o on o.id = p.organisation_id
        where p.status = 'active'
        group by 1, 2, 3 order by count(*) desc, 1, 2, 3 limit 1`,
  ) as [typeof area];
});
afterAll(() => t.close());

describe('GET /open-data/service-points.geojson', () => {
  it('is an RFC 7946 FeatureCollection of every active point, [lng, lat] to 6 decimals', async () => {
    const response = await geojson();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/geo+json');
    expect(response.headers['content-disposition']).toBe('attachment; filename="citizeninfo-service-points.geojson"');
    const collection = response.json() as Static<typeof PointFeatureCollection>;
    expect(Value.Check(PointFeatureCollection, collection), JSON.stringify([...Value.Errors(PointFeatureCollection, collection)].slice(0, 3))).toBe(true);
    expect(collection.features.length).toBe(await activeCount());
    expect(new Set(collection.features.map((f) => f.id)).size).toBe(collection.features.length);
    for (const feature of collection.features) {
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      // Longitude first: Thailand's longitudes (97–106) and latitudes (5–21) do not overlap.
      expect(lng).toBeGreaterThanOrEqual(THAILAND_BOUNDS.minLng);
      expect(lng).toBeLessThanOrEqual(THAILAND_BOUNDS.maxLng);
      expect(lat).toBeGreaterThanOrEqual(THAILAND_BOUNDS.minLat);
      expect(lat).toBeLessThanOrEqual(THAILAND_BOUNDS.maxLat);
      expect(Object.keys(feature.properties).sort()).toEqual(Object.keys(PointProperties.properties).sort());
    }
    expect(response.body).not.toMatch(/\.\d{7,}/);
  });

  it('carries the point as stored: coordinates, Thai names, phones and page URL', async () => {
    const [point] = await rows<{ code: string; nameTh: string; lat: number; lng: number; phones: string[]; districtCode: string }>(
      t.app.db,
      sql`select code, name_th as "nameTh", lat, lng, phones, district_code as "districtCode"
          from service_points where status = 'active' and cardinality(phones) > 0 order by id desc limit 1`,
    );
    const collection = (await geojson(`?district=${point!.districtCode}`)).json() as Static<typeof PointFeatureCollection>;
    const found = collection.features.find((f) => f.id === point!.code)!;
    expect(found.geometry.coordinates).toEqual([Number(point!.lng.toFixed(6)), Number(point!.lat.toFixed(6))]);
    expect(found.properties.name_th).toBe(point!.nameTh);
    expect(found.properties.phones).toEqual(point!.phones);
    expect(found.properties.url).toBe(`${t.config.publicUrl}/p/${point!.code}`);
  });

  it('filters by province, district and kind like the search', async () => {
    const byProvince = (await geojson(`?province=${area.provinceCode}`)).json() as Static<typeof PointFeatureCollection>;
    expect(byProvince.features.length).toBe(await activeCount(sql`p.province_code = ${area.provinceCode}`));
    expect(byProvince.features.every((f) => f.properties.province_code === area.provinceCode)).toBe(true);

    const response = await geojson(`?province=${area.provinceCode}&district=${area.districtCode}&kind=${area.kind}`);
    expect(response.headers['content-disposition']).toContain(`citizeninfo-service-points-${area.provinceCode}-${area.districtCode}-${area.kind}.geojson`);
    const narrow = response.json() as Static<typeof PointFeatureCollection>;
    expect(narrow.features.length).toBe(await activeCount(sql`p.district_code = ${area.districtCode} and o.kind = ${area.kind}`));
    expect(narrow.features.length).toBeGreaterThan(0);
    expect(narrow.features.every((f) => f.properties.district_code === area.districtCode && f.properties.kind === area.kind)).toBe(true);
  });

  it('leaves closed points out', async () => {
    const [closed] = await rows<{ code: string }>(
      t.app.db,
      sql`update service_points set status = 'closed', updated_at = now() where id = (select max(id) from service_points where district_code = ${area.districtCode}) returning code`,
    );
    try {
      const collection = (await geojson(`?district=${area.districtCode}`)).json() as Static<typeof PointFeatureCollection>;
      expect(collection.features.map((f) => f.id)).not.toContain(closed!.code);
      expect(collection.features.length).toBe(await activeCount(sql`p.district_code = ${area.districtCode}`));
    } finally {
      await t.app.db.execute(sql`update service_points set status = 'active' where code = ${closed!.code}`);
    }
  });

  it('answers an empty but valid collection when nothing matches', async () => {
    const [empty] = await rows<{ code: string }>(
      t.app.db,
      sql`select d.code from districts d where not exists (select 1 from service_points p where p.district_code = d.code) limit 1`,
    );
    if (!empty) return expect(await activeCount()).toBeGreaterThan(0);
    const response = await geojson(`?district=${empty.code}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('GET /open-data/service-points.csv', () => {
  it('starts with a UTF-8 BOM, uses CRLF, and parses back with Thai intact', async () => {
    const response = await csv();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="citizeninfo-service-points.csv"');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.body).not.toMatch(/(?<!\r)\n/);

    const lines = response.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const records = csvRecords(response.body);
    expect(records.length).toBe(await activeCount());

    // A point whose English address has commas, so the cell must be quoted.
    const [point] = await rows<{ code: string; nameTh: string; addressEn: string; provinceTh: string; lat: number; lng: number }>(
      t.app.db,
      sql`select p.code, p.name_th as "nameTh", p.address_en as "addressEn", pr.name_th as "provinceTh", p.lat, p.lng
          from service_points p join provinces pr on pr.code = p.province_code
          where p.status = 'active' and p.address_en like '%,%' order by p.id limit 1`,
    );
    const record = records.find((r) => r.code === point!.code)!;
    expect(record.name_th).toBe(point!.nameTh);
    expect(record.address_en).toBe(point!.addressEn);
    expect(response.body).toContain(`"${point!.addressEn}"`);
    expect(record.province_th).toBe(point!.provinceTh);
    expect(record.lat).toBe(point!.lat.toFixed(6));
    expect(record.lng).toBe(point!.lng.toFixed(6));
  });

  it('quotes per RFC 4180 and keeps a formula from running in a spreadsheet', async () => {
    const name = 'สำนักงาน "ทดสอบ", สาขา 1';
    const [point] = await rows<{ code: string; districtCode: string }>(
      t.app.db,
      sql`update service_points set name_th = ${name}, name_en = '=HYPERLINK("http://example.invalid")', updated_at = now()
          where id = (select min(id) from service_points where status = 'active') returning code, district_code as "districtCode"`,
    );
    const response = await csv(`?district=${point!.districtCode}`);
    expect(response.body).toContain(`"สำนักงาน ""ทดสอบ"", สาขา 1"`);
    const record = csvRecords(response.body).find((r) => r.code === point!.code)!;
    expect(record.name_th).toBe(name);
    expect(record.name_en).toBe(`'=HYPERLINK("http://example.invalid")`);
    // The GeoJSON is data for programs, not spreadsheets: it keeps the text as it is.
    const feature = (await geojson(`?district=${point!.districtCode}`)).json() as Static<typeof PointFeatureCollection>;
    expect(feature.features.find((f) => f.id === point!.code)!.properties.name_en).toBe('=HYPERLINK("http://example.invalid")');
  });

  it('has the same filters and counts as the GeoJSON', async () => {
    const query = `?province=${area.provinceCode}&kind=${area.kind}`;
    const records = csvRecords((await csv(query)).body);
    expect(records.length).toBe(await activeCount(sql`p.province_code = ${area.provinceCode} and o.kind = ${area.kind}`));
    expect(records.every((r) => r.province_code === area.provinceCode && r.kind === area.kind)).toBe(true);
    const features = ((await geojson(query)).json() as Static<typeof PointFeatureCollection>).features;
    expect(records.map((r) => r.code)).toEqual(features.map((f) => f.id));
  });

  it('treats empty filters (a form left at "all") as no filter', async () => {
    const head = (url: string) => t.app.inject({ method: 'HEAD', url });
    const all = await head('/open-data/service-points.csv');
    const empty = await head('/open-data/service-points.csv?province=&district=&kind=');
    expect(empty.statusCode).toBe(200);
    expect(empty.headers.etag).toBe(all.headers.etag);
    expect(empty.headers['content-disposition']).toBe(all.headers['content-disposition']);
  });
});

describe('conditional requests', () => {
  it('answers 304 to If-None-Match and If-Modified-Since while nothing changed', async () => {
    for (const url of [`/open-data/service-points.geojson?province=${area.provinceCode}`, `/open-data/service-points.csv?province=${area.provinceCode}`]) {
      const first = await t.app.inject(url);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);
      expect(etag).toMatch(/^W\/".+"$/);
      expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
      expect(first.headers['cache-control']).toBe('public, max-age=300');

      const byTag = await t.app.inject({ url: url, headers: { 'if-none-match': etag } });
      expect(byTag.statusCode).toBe(304);
      expect(byTag.body).toBe('');
      expect(byTag.headers.etag).toBe(etag);
      const byList = await t.app.inject({ url: url, headers: { 'if-none-match': `"other", ${etag}` } });
      expect(byList.statusCode).toBe(304);
      const byDate = await t.app.inject({ url: url, headers: { 'if-modified-since': lastModified } });
      expect(byDate.statusCode).toBe(304);

      const older = new Date(new Date(lastModified).getTime() - 60_000).toUTCString();
      expect((await t.app.inject({ url: url, headers: { 'if-modified-since': older } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: url, headers: { 'if-none-match': 'W/"stale"' } })).statusCode).toBe(200);
    }
  });

  it('gives each filter and format its own tag', async () => {
    const head = (url: string) => t.app.inject({ method: 'HEAD', url });
    const tags = await Promise.all([
      head('/open-data/service-points.geojson'),
      head('/open-data/service-points.csv'),
      head(`/open-data/service-points.geojson?province=${area.provinceCode}`),
      head(`/open-data/service-points.geojson?province=${area.provinceCode}&kind=${area.kind}`),
    ]);
    expect(new Set(tags.map((r) => r.headers.etag)).size).toBe(4);
  });

  it('changes the tag when a point is edited or closed', async () => {
    const url = `/open-data/service-points.csv?district=${area.districtCode}`;
    const before = (await t.app.inject(url)).headers.etag;
    const [point] = await rows<{ id: number }>(
      t.app.db,
      sql`update service_points set phones = '{"0 2000 0000"}', updated_at = now() + interval '1 second'
          where id = (select min(id) from service_points where district_code = ${area.districtCode} and status = 'active') returning id`,
    );
    const edited = await t.app.inject({ url, headers: { 'if-none-match': String(before) } });
    expect(edited.statusCode).toBe(200);
    expect(edited.body).toContain('0 2000 0000');
    // Closing without touching updated_at still changes the file, so it changes the tag.
    await t.app.db.execute(sql`update service_points set status = 'closed' where id = ${point!.id}`);
    try {
      const closed = await t.app.inject({ url, headers: { 'if-none-match': String(edited.headers.etag) } });
      expect(closed.statusCode).toBe(200);
    } finally {
      await t.app.db.execute(sql`update service_points set status = 'active' where id = ${point!.id}`);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await t.app.inject({ method: 'HEAD', url: '/open-data/service-points.geojson' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(response.headers.etag).toMatch(/^W\//);
    expect(response.headers['content-type']).toBe('application/geo+json');
  });
});

describe('bad filters', () => {
  const cases = [
    ['province=99', 'province'],
    ['province=abc', 'province'],
    ['province=1', 'province'],
    ['province=' + '9'.repeat(5000), 'province'],
    ["province=10' or '1'='1", 'province'],
    ['district=9999', 'district'],
    ['district=10a1', 'district'],
    ['kind=ministry', 'kind'],
    ['kind=<script>alert(1)</script>', 'kind'],
    ['province=10&province=50', 'province'],
  ] as const;

  it.each(cases)('%.60s → 400 in Thai and English', async (query, field) => {
    for (const download of [geojson, csv]) {
      const response = await download(`?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      const { error } = response.json() as { error: { code: string; message: string; message_th: string; issues: { field: string; message: string; message_th: string }[] } };
      expect(error.code).toBe('invalid_input');
      expect(error.message_th).toMatch(/[\u0e00-\u0e7f]/);
      expect(error.message).toMatch(/[a-z]/);
      expect(error.issues[0]?.field).toBe(field);
      expect(error.issues[0]?.message_th).toMatch(/[\u0e00-\u0e7f]/);
    }
  });

  it('refuses a district outside the province given', async () => {
    const [other] = await rows<{ code: string }>(t.app.db, sql`select code from districts where province_code <> ${area.provinceCode} limit 1`);
    const response = await csv(`?province=${area.provinceCode}&district=${other!.code}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { issues: [{ field: 'district', message: `District ${other!.code} is not in province ${area.provinceCode}` }] } });
  });

  it('answers an unknown file under /open-data/ in JSON', async () => {
    const response = await t.app.inject('/open-data/service-points.xml');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('reading in chunks', () => {
  it('returns every active point once, in id order, across chunk boundaries', async () => {
    const ids: number[] = [];
    for await (const chunk of activePointChunks(t.app.db, { provinceCode: area.provinceCode }, 7)) {
      expect(chunk.length).toBeLessThanOrEqual(7);
      ids.push(...chunk.map((point) => point.id));
    }
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await activeCount(sql`p.province_code = ${area.provinceCode}`));
  });
});

describe('safeCell', () => {
  it('prefixes text that a spreadsheet would run as a formula, but not phone numbers', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('-2+3 abc')).toBe("'-2+3 abc");
    expect(safeCell('+66 2 123 4567')).toBe('+66 2 123 4567');
    expect(safeCell('0 2123 4567; 08 1234 5678')).toBe('0 2123 4567; 08 1234 5678');
    expect(safeCell('เทศบาลตำบล')).toBe('เทศบาลตำบล');
    expect(safeCell('')).toBe('');
  });
});
