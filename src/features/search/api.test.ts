import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { rows } from '../../db/client.js';
import { clusterIndex } from './clusters.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Item {
  code: string;
  address: { province: { code: string }; district: { code: string } };
  organisation: { kind: string };
  distanceM: number | null;
  services: { slug: string }[];
  [key: string]: unknown;
}
interface Page {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  totalIsCapped: boolean;
}
interface ApiError {
  error: { code: string; message: string; message_th: string; issues: { field: string; message: string; message_th: string }[] };
}

const get = (url: string) => t.app.inject({ method: 'GET', url });
const points = async (query: string): Promise<Page> => {
  const response = await get(`/api/v1/service-points?${query}`);
  expect(response.statusCode, query).toBe(200);
  return response.json<Page>();
};
const count = async (where: ReturnType<typeof sql>) =>
  (
    await rows<{ n: number }>(
      t.app.db,
      sql`select count(*)::int as n from service_points p join organisations o on o.id = p.organisation_id where p.status = 'active' and ${where}`,
    )
  )[0]!.n;

describe('GET /api/v1/service-points', () => {
  it('returns a page with stable camelCase fields', async () => {
    const page = await points('province=50&pageSize=3');
    expect(Object.keys(page).sort()).toEqual(['items', 'page', 'pageSize', 'total', 'totalIsCapped']);
    expect(page.items).toHaveLength(3);
    expect(page).toMatchObject({ page: 1, pageSize: 3, totalIsCapped: false });
    const item = page.items[0]!;
    expect(Object.keys(item).sort()).toEqual(
      ['code', 'url', 'name', 'organisation', 'address', 'location', 'contacts', 'distanceM', 'openNow', 'services'].sort(),
    );
    expect(item.url).toMatch(/^http:\/\/localhost:\d+\/p\/[A-Z0-9]+$/);
    // The same nesting as the point's own document (GET /service-points/{code}).
    expect(item).toMatchObject({
      name: { th: expect.any(String) },
      organisation: { code: expect.any(String), kind: expect.any(String), name: { th: expect.any(String) } },
      address: { province: { code: '50', name: { th: 'เชียงใหม่', en: 'Chiang Mai' } }, district: { code: expect.stringMatching(/^50\d\d$/) } },
      location: { lat: expect.any(Number), lng: expect.any(Number), verification: expect.any(String) },
      contacts: { phones: [{ text: expect.any(String), international: expect.stringMatching(/^\+66\d{8,9}$/) }] },
      distanceM: null,
      openNow: expect.any(Boolean),
      services: [],
    });
    const detail = (await get(`/api/v1/service-points/${item.code}`)).json<Record<string, unknown>>();
    expect(detail).toMatchObject({ code: item.code, url: item.url, name: item.name, location: { lat: (item.location as { lat: number }).lat } });
  });

  it('filters by province, district, kind and service, counting exactly', async () => {
    const byKind = await points('province=50&kind=tao&pageSize=100');
    expect(byKind.total).toBe(await count(sql`p.province_code = '50' and o.kind = 'tao'`));
    expect(byKind.items.every((item) => item.address.province.code === '50' && item.organisation.kind === 'tao')).toBe(true);

    const byDistrict = await points('district=5001&pageSize=100');
    expect(byDistrict.total).toBe(await count(sql`p.district_code = '5001'`));
    expect(byDistrict.items.every((item) => item.address.district.code === '5001')).toBe(true);

    const byManual = await points('manual=dla-elderly-allowance-registration&pageSize=5');
    expect(byManual.total).toBe(
      await count(sql`exists (select 1 from point_manuals pm join manuals m on m.id = pm.manual_id where pm.point_id = p.id and m.slug = 'dla-elderly-allowance-registration')`),
    );
    expect(byManual.items.every((item) => item.services.some((s) => s.slug === 'dla-elderly-allowance-registration'))).toBe(true);
  });

  it('finds the house-registration services inside unspaced Thai titles', async () => {
    const page = await points(`q=${encodeURIComponent('ทะเบียนบ้าน')}&pageSize=100`);
    expect(page.total).toBeGreaterThan(100);
    const slugs = new Set(page.items.flatMap((item) => item.services.map((s) => s.slug)));
    expect(slugs).toContain('dopa-add-name-to-house-registration');
    // Not the land-sale manual, whose "ทะเบียน" and "บ้าน" sit in different phrases.
    expect(slugs).not.toContain('dol-land-transfer-by-sale');
  });

  it('reads a province name as the province, not every subdistrict that shares it', async () => {
    const page = await points(`q=${encodeURIComponent('เชียงใหม่')}&pageSize=100`);
    expect(page.total).toBe(await count(sql`p.province_code = '50'`));
    expect((await points('q=Chiang%20Mai&pageSize=1')).total).toBe(page.total);
  });

  it('orders by distance from `near`, nearest first, and keeps to the radius', async () => {
    const [origin] = await rows<{ code: string; lat: number; lng: number }>(
      t.app.db,
      sql`select code, lat, lng from service_points where status = 'active' and district_code = '5001' order by id limit 1`,
    );
    const near = `${origin!.lat},${origin!.lng}`;
    const page = await points(`near=${near}&pageSize=50`);
    expect(page.items[0]!.code).toBe(origin!.code);
    expect(page.items[0]!.distanceM).toBeLessThan(1);
    const distances = page.items.map((item) => item.distanceM as number);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    const within = await points(`near=${near}&radius=5000&pageSize=100`);
    expect(within.items.every((item) => (item.distanceM as number) <= 5000)).toBe(true);
    expect(within.total).toBe(await count(sql`earth_distance(ll_to_earth(${origin!.lat}, ${origin!.lng}), ll_to_earth(p.lat, p.lng)) <= 5000`));
    expect(within.total).toBeLessThan(page.total);
  });

  it('keeps to a box', async () => {
    const page = await points('bbox=98.9,18.7,99.1,18.9&pageSize=100');
    expect(page.total).toBe(await count(sql`p.lat between 18.7 and 18.9 and p.lng between 98.9 and 99.1`));
  });

  it('pages, and answers a page past the last with 404', async () => {
    const first = await points('province=50&pageSize=10');
    const second = await points('province=50&pageSize=10&page=2');
    expect(second.items[0]!.code).not.toBe(first.items[0]!.code);
    const last = Math.ceil(first.total / 10);
    const beyond = await get(`/api/v1/service-points?province=50&pageSize=10&page=${last + 1}`);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.json<ApiError>().error.issues[0]).toMatchObject({ field: 'page', message: expect.stringContaining(`${last} pages`) });
  });

  const bad: [string, string][] = [
    ['near=18.79', 'near'],
    ['near=abc,def', 'near'],
    ['near=0,0', 'lat'],
    ['near=999,999', 'lat'],
    ['radius=1000', 'radius'],
    ['near=18.79,98.98&radius=1000000', 'radius'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=99.1,18.7,98.9,18.9', 'bbox'],
    ['kind=castle', 'kind'],
    ['province=99', 'province'],
    ['district=5001&province=10', 'district'],
    ['manual=nope', 'manual'],
    ['pageSize=1000', 'pageSize'],
    ['page=0', 'page'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['q=%FF', 'q'],
    [`province=${encodeURIComponent('1; drop table service_points')}`, 'province'],
  ];
  it.each(bad)('%s → 400 naming %s, in Thai and English', async (query, field) => {
    const response = await get(`/api/v1/service-points?${query}`);
    expect(response.statusCode).toBe(400);
    const { error } = response.json<ApiError>();
    expect(error.code).toBe('invalid_input');
    expect(error.message_th).toBe('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    const issue = error.issues.find((i) => i.field === field);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    expect(issue!.message).toMatch(/[a-z]/);
    expect(issue!.message_th).toMatch(/[\u0e00-\u0e7f]/);
  });
});

describe('GET /api/v1/map/clusters', () => {
  const THAILAND = '97.3,5.5,105.7,20.5';
  interface Collection {
    type: string;
    features: { geometry: { coordinates: [number, number] }; properties: { cluster: boolean; count?: number; code?: string; name?: { th: string } } }[];
  }
  const clusters = async (query: string) => {
    const response = await get(`/api/v1/map/clusters?${query}`);
    expect(response.statusCode, query).toBe(200);
    return response.json<Collection>();
  };

  it('groups the whole country into a few clusters at zoom 5', async () => {
    const collection = await clusters(`bbox=${THAILAND}&zoom=5`);
    expect(collection.type).toBe('FeatureCollection');
    const total = collection.features.reduce((sum, f) => sum + (f.properties.cluster ? (f.properties.count ?? 0) : 1), 0);
    expect(total).toBe(await count(sql`true`));
    expect(collection.features.length).toBeLessThan(100);
    expect(collection.features.some((f) => f.properties.cluster)).toBe(true);
  });

  it('shows single points with their names at zoom 15', async () => {
    // A point with no neighbour within a kilometre stands alone at zoom 15.
    const [point] = await rows<{ code: string; lat: number; lng: number; nameTh: string }>(
      t.app.db,
      sql`select p.code, p.lat, p.lng, p.name_th as "nameTh" from service_points p
          where p.status = 'active' and not exists (
            select 1 from service_points n where n.id <> p.id and n.status = 'active'
              and earth_box(ll_to_earth(p.lat, p.lng), 1000) @> ll_to_earth(n.lat, n.lng))
          order by p.id limit 1`,
    );
    const box = [point!.lng - 0.01, point!.lat - 0.01, point!.lng + 0.01, point!.lat + 0.01].join(',');
    const collection = await clusters(`bbox=${box}&zoom=15`);
    expect(collection.features.every((f) => !f.properties.cluster)).toBe(true);
    const found = collection.features.find((f) => f.properties.code === point!.code);
    expect(found?.properties).toMatchObject({ cluster: false, name: { th: point!.nameTh } });
    expect(found?.geometry.coordinates[0]).toBeCloseTo(point!.lng, 5);
  });

  it('refuses a box far wider than a screen at a close zoom, and bad input', async () => {
    for (const query of [`bbox=${THAILAND}&zoom=15`, 'bbox=1,2,3&zoom=5', 'bbox=97,5,106,21&zoom=abc', 'bbox=97,5,106,21', 'zoom=5', 'bbox=97,5,106,21&zoom=99']) {
      const response = await get(`/api/v1/map/clusters?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<ApiError>().error.issues[0]?.message_th, query).toMatch(/[\u0e00-\u0e7f]/);
    }
  });

  it('rebuilds the index when points change', async () => {
    const [point] = await rows<{ id: number; code: string }>(t.app.db, sql`select id, code from service_points where status = 'active' order by id desc limit 1`);
    await clusterIndex(t.app.db);
    await t.app.db.execute(sql`update service_points set lat = 7.001, lng = 100.001, updated_at = now() + interval '1 minute' where id = ${point!.id}`);
    const index = await clusterIndex(t.app.db, 0);
    const moved = index.getClusters([100.0, 7.0, 100.002, 7.002], 16).find((f) => (f.properties as { code?: string }).code === point!.code);
    expect(moved).toBeDefined();
  });
});

describe('GET /api/v1/search/districts and /api/v1/map/tiles', () => {
  it('lists the districts of a province', async () => {
    const response = await get('/api/v1/search/districts?province=50');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { code: string; nameTh: string; nameEn: string }[] }>();
    expect(items.every((d) => d.code.startsWith('50'))).toBe(true);
    expect(items.find((d) => d.code === '5001')).toEqual({ code: '5001', nameTh: 'เมืองเชียงใหม่', nameEn: 'Mueang Chiang Mai' });
    expect((await get('/api/v1/search/districts?province=99')).statusCode).toBe(400);
    expect((await get('/api/v1/search/districts?province=x')).statusCode).toBe(400);
  });

  it('gives the tile server of the configuration', async () => {
    expect((await get('/api/v1/map/tiles')).json()).toEqual({ url: t.config.tileUrl, attribution: t.config.tileAttribution });
  });
});
