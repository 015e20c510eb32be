import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { rows } from '../../db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const query = <T>(statement: ReturnType<typeof sql>) => rows<T>(t.database.db, statement);
const get = (url: string) => t.app.inject(url);
const section = (html: string, id: string) => {
  const from = html.indexOf(`<section id="${id}"`);
  return from === -1 ? '' : html.slice(from, html.indexOf('</section>', from));
};

describe('browse by area', () => {
  it('lists the 77 provinces under the six regions', async () => {
    const response = await get('/browse');
    expect(response.statusCode).toBe(200);
    expect(response.body.match(/href="\/browse\/\d{2}"/g)).toHaveLength(77);
    for (const region of ['ภาคเหนือ', 'ภาคกลาง', 'ภาคตะวันออกเฉียงเหนือ', 'ภาคตะวันตก', 'ภาคตะวันออก', 'ภาคใต้']) expect(response.body).toContain(`${region} <span`);
    const english = (await get('/en/browse')).body;
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('href="/en/browse/50">Chiang Mai</a>');
  });

  it('lists the districts of a province with their number of service points', async () => {
    const districts = await query<{ code: string; nameTh: string; points: number }>(
      sql`select d.code, d.name_th as "nameTh", (select count(*)::int from service_points p where p.district_code = d.code and p.status = 'active') as points
          from districts d where province_code = '50'`,
    );
    const html = (await get('/browse/50')).body;
    expect(html).toContain('<h1>จังหวัดเชียงใหม่</h1>');
    expect(html.match(/href="\/browse\/50\/\d{4}"/g)).toHaveLength(districts.length);
    const first = districts[0];
    expect(html).toContain(`href="/browse/50/${first?.code}">อำเภอ${first?.nameTh}</a> <span class="meta">(${first?.points} จุดบริการ)</span>`);
    expect(html).toContain('href="/search?province=50"');
    expect((await get('/browse/10')).body).toMatch(/href="\/browse\/10\/1001">เขตพระนคร<\/a>/);
    expect((await get('/en/browse/50')).body).toContain('<h1>Chiang Mai Province</h1>');
  });

  it('lists the organisations of a district with their service points, by kind', async () => {
    const html = (await get('/browse/50/5001')).body;
    const organisations = await query<{ kind: string; nameTh: string; points: string[] }>(
      sql`select o.kind, o.name_th as "nameTh", coalesce((select array_agg(p.code) from service_points p where p.organisation_id = o.id and p.status = 'active'), '{}') as points
          from organisations o where o.province_code = '50' and o.district_code = '5001'`,
    );
    expect(organisations.length).toBeGreaterThan(2);
    const district = section(html, 'district');
    const local = section(html, 'local');
    const other = section(html, 'other');
    for (const organisation of organisations) {
      const group = ['district_office', 'bangkok_district_office'].includes(organisation.kind)
        ? district
        : ['pao', 'city_municipality', 'town_municipality', 'subdistrict_municipality', 'tao', 'bangkok', 'pattaya'].includes(organisation.kind)
          ? local
          : other;
      expect(group, organisation.nameTh).toContain(organisation.nameTh);
      for (const code of organisation.points) expect(group).toContain(`href="/p/${code}"`);
    }
    expect(district).toContain('ที่ว่าการอำเภอเมืองเชียงใหม่');
    expect(local).toContain('องค์การบริหารส่วนจังหวัดเชียงใหม่');
    expect(html).toContain('<h1>อำเภอเมืองเชียงใหม่, จังหวัดเชียงใหม่</h1>');
    const english = (await get('/en/browse/10/1007')).body;
    expect(english).toContain('<h1>Pathum Wan District, Bangkok</h1>');
    expect(section(english, 'district')).toContain('Pathum Wan District Office');
  });

  it('answers 404 for unknown codes and for a district under another province', async () => {
    for (const url of ['/browse/99', '/browse/00', '/browse/50/9999', '/browse/50/1001', '/en/browse/99']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it('answers 400 for codes that are not DOPA codes', async () => {
    for (const url of ['/browse/5', '/browse/500', '/browse/ab', '/browse/50/501', '/browse/50/50011', '/browse/50/%3Cscript%3E', "/browse/50/5'--"]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.body).not.toContain('<script>');
    }
  });
});
