import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { rows } from '../../db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', TILE_ATTRIBUTION: 'Example & Co' });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const q = (text: string) => encodeURIComponent(text);
/** The point codes of a result page, in order. */
const resultCodes = (html: string) => [...html.matchAll(/<li class="card result"><h2><a href="(?:\/en)?\/p\/([A-Z0-9]+)"/g)].map((m) => m[1]);
const one = async <T>(query: ReturnType<typeof sql>) => (await rows<T>(t.app.db, query))[0] as T;

describe('home page', () => {
  it('has one search form, near me, popular services, browse and the map', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html.match(/<form role="search"/g)).toHaveLength(1);
    expect(html).toContain('action="/search"');
    expect(html).toMatch(/<label for="q">ต้องการติดต่อเรื่องอะไร ที่ไหน\?<\/label>/);
    expect(html).toMatch(/<input type="search" id="q" name="q"[^>]*placeholder="เช่น ทำบัตรประชาชน เชียงใหม่"/);
    // "Near me" needs JavaScript: its button is hidden and the province select stands in.
    expect(html).toMatch(/data-module="near-me"/);
    expect(html).toMatch(/<button type="button" class="secondary near-me-button" hidden/);
    expect(html).toMatch(/<select id="home-province" name="province">/);
    expect(html).toContain('href="/search?manual=dopa-id-card-renewal-expired"');
    expect(html).toContain('href="/search?manual=dla-elderly-allowance-registration"');
    expect(html).toContain('href="/browse"');
    expect(html).toMatch(/<div class="map" data-module="map"/);
    expect(html).toContain('data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"');
    expect(html).toContain('data-tile-attribution="Example &amp; Co"');
    expect(html).toContain('href="/assets/leaflet/leaflet.css"');
  });

  it('is in English under /en', async () => {
    const response = await get('/en');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('What do you need, and where?');
    expect(response.body).toContain('action="/en/search"');
    expect(response.body).toContain('href="/en/search?manual=lao-building-permit-s21"');
  });
});

describe('search page: Thai text matching', () => {
  it('finds points that offer “การขอเพิ่มชื่อในทะเบียนบ้าน” from “ทะเบียนบ้าน”', async () => {
    const point = await one<{ code: string; districtCode: string }>(sql`
      select p.code, p.district_code as "districtCode" from service_points p
      join point_manuals pm on pm.point_id = p.id join manuals m on m.id = pm.manual_id
      where m.slug = 'dopa-add-name-to-house-registration' and p.status = 'active' order by p.id limit 1`);
    const response = await get(`/search?q=${q('ทะเบียนบ้าน')}&district=${point.districtCode}`);
    expect(response.statusCode).toBe(200);
    expect(resultCodes(response.body)).toContain(point.code);
    expect(response.body).toContain('<title>ผลการค้นหา “ทะเบียนบ้าน” · CitizenInfo</title>');
    // The query's own words rank the services shown: a house-registration title comes first.
    const offers = response.body.match(new RegExp(`/p/${point.code}"[\\s\\S]*?ให้บริการ: <span><a href="([^"]+)">([^<]+)<`));
    expect(offers?.[2]).toContain('ทะเบียนบ้าน');
  });

  it('finds “…บัตรประจำตัวประชาชน…” from “บัตรประชาชน”', async () => {
    const response = await get(`/search?q=${q('บัตรประชาชน')}`);
    expect(response.statusCode).toBe(200);
    const codes = resultCodes(response.body);
    expect(codes.length).toBe(20);
    expect(response.body).toMatch(/ให้บริการ: <span><a href="\/manuals\/dopa-id-card-[\w-]+\?point=[A-Z0-9]+">การขอ(มี|เปลี่ยน)บัตรประจำตัวประชาชน/);
  });

  it('puts the TAO named “อบต.บางปลา” first', async () => {
    const expected = (
      await rows<{ code: string }>(
        t.app.db,
        sql`select p.code from service_points p join organisations o on o.id = p.organisation_id where o.abbr_th = 'อบต.บางปลา' and p.status = 'active'`,
      )
    ).map((r) => r.code);
    expect(expected.length).toBeGreaterThan(0);
    const response = await get(`/search?q=${q('อบต.บางปลา')}`);
    expect(response.statusCode).toBe(200);
    expect(new Set(resultCodes(response.body).slice(0, expected.length))).toEqual(new Set(expected));
  });

  it('reads service and place together: “ทำบัตรประชาชน เชียงใหม่”', async () => {
    const response = await get(`/search?q=${q('ทำบัตรประชาชน เชียงใหม่')}`);
    expect(response.statusCode).toBe(200);
    const codes = resultCodes(response.body);
    expect(codes.length).toBeGreaterThan(0);
    const provinces = await rows<{ province: string }>(
      t.app.db,
      sql`select distinct province_code as province from service_points where code in ${sql.raw(`(${codes.map((c) => `'${c}'`).join(',')})`)}`,
    );
    expect(provinces).toEqual([{ province: '50' }]);
  });

  it('answers English queries on the English page', async () => {
    const response = await get(`/en/search?q=${q('ID card Chiang Mai')}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('<title>Results for “ID card Chiang Mai” · CitizenInfo</title>');
    expect(resultCodes(response.body).length).toBeGreaterThan(0);
    expect(response.body).toMatch(/Offers: <span><a href="\/en\/manuals\/dopa-id-card-[\w-]+\?point=[A-Z0-9]+">[^<]*ID card/);
    expect(response.body).toContain('Chiang Mai');
  });

  it('treats injection strings as text: escaped, never run, LIKE wildcards literal', async () => {
    for (const text of [`' or 1=1 --`, '<script>alert(1)</script>', '"; drop table service_points; --', '%_\\', '%']) {
      const response = await get(`/search?q=${q(text)}`);
      expect(response.statusCode, text).toBe(200);
      expect(response.body).not.toContain('<script>alert(1)</script>');
      if (!text.includes(' ')) expect(resultCodes(response.body), text).toEqual([]);
    }
    const { count } = await one<{ count: number }>(sql`select count(*)::int as count from service_points`);
    expect(count).toBeGreaterThan(1000);
  });
});

describe('search page: filters, distance and pages', () => {
  it('lists the districts of the chosen province after a search without JavaScript', async () => {
    const response = await get('/search?province=50');
    expect(response.body).toMatch(/<select id="district" name="district" data-module="district-select"[^>]*>/);
    expect(response.body).toContain('<option value="5001">เมืองเชียงใหม่</option>');
    expect(response.body).not.toContain('<option value="1001">');
    const none = await get(`/search?q=${q('ทะเบียนบ้าน')}`);
    expect(none.body).toMatch(/<select id="district" name="district" data-module="district-select"[^>]*disabled/);
  });

  it('drops a district left over from another province (the citizen changed province)', async () => {
    const response = await get('/search?province=10&district=5001');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/<option value="5001" selected/);
    const codes = resultCodes(response.body);
    expect(codes.length).toBeGreaterThan(0);
  });

  it('counts what it finds and pages with rel=prev/next', async () => {
    const { count } = await one<{ count: number }>(sql`
      select count(*)::int as count from service_points p join organisations o on o.id = p.organisation_id
      where p.status = 'active' and p.province_code = '50' and o.kind = 'tao'`);
    const first = await get('/search?province=50&kind=tao');
    expect(first.body).toContain(`พบ ${new Intl.NumberFormat('th-TH').format(count)} แห่ง`);
    expect(first.body).toContain('rel="next" href="/search?province=50&amp;kind=tao&amp;page=2"');
    expect(first.body).not.toContain('rel="prev"');
    const second = await get('/search?province=50&kind=tao&page=2');
    expect(second.body).toContain('rel="prev" href="/search?province=50&amp;kind=tao&amp;page=1"');
    expect(resultCodes(second.body)).not.toEqual(resultCodes(first.body));
  });

  it('says clearly when a page is past the last one', async () => {
    const response = await get('/search?province=50&kind=tao&page=500');
    expect(response.statusCode).toBe(404);
    expect(response.body).toMatch(/ไม่มีหน้า 500 ผลการค้นหานี้มี \d+ หน้า/);
    expect(response.body).toContain('ไปหน้าสุดท้าย');
  });

  it('orders by distance when the position is known, and shows it', async () => {
    const point = await one<{ code: string; lat: number; lng: number }>(
      sql`select code, lat, lng from service_points where status = 'active' and province_code = '50' order by id limit 1`,
    );
    const response = await get(`/search?lat=${point.lat}&lng=${point.lng}`);
    expect(response.statusCode).toBe(200);
    expect(resultCodes(response.body)[0]).toBe(point.code);
    expect(response.body).toMatch(/<strong>\d[\d,.]* (ม\.|กม\.)<\/strong>/);
    expect(response.body).toContain('เรียงจากใกล้ที่สุด');
    // The position travels with the filters, and a radius can be chosen.
    expect(response.body).toContain(`<input type="hidden" name="lat" value="${point.lat}"/>`);
    expect(response.body).toMatch(/<select id="radius" name="radius">/);
  });

  it('suggests what to try when nothing is found', async () => {
    const response = await get(`/search?q=${q('ทะเบียนบ้าน ไม่มีที่นี่แน่นอน')}&kind=pao`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('พบ 0 แห่ง');
    expect(response.body).toContain('ไม่พบจุดบริการที่ตรงกับการค้นหา');
    expect(response.body).toContain('ค้นหาอีกครั้งโดยไม่ใช้ตัวกรอง');
    expect(response.body).toContain('href="/search?manual=dopa-move-in"');
  });

  it('shows the form and popular services before a search', async () => {
    const response = await get('/search');
    expect(response.statusCode).toBe(200);
    expect(resultCodes(response.body)).toEqual([]);
    expect(response.body).toContain('href="/search?manual=dopa-birth-registration"');
  });
});

describe('search page: bad input', () => {
  const cases: [string, string, string][] = [
    ['/search?lat=18.79', 'ต้องระบุทั้งละติจูด', 'Give both latitude'],
    ['/search?lng=98.98', 'ต้องระบุทั้งละติจูด', 'Give both latitude'],
    ['/search?lat=abc&lng=98.9', 'ละติจูดและลองจิจูดต้องเป็นตัวเลข', 'Latitude and longitude must be numbers'],
    ['/search?lat=0&lng=0', 'ตำแหน่งนี้อยู่นอกประเทศไทย', 'This position is outside Thailand'],
    ['/search?lat=999&lng=999', 'ละติจูดและลองจิจูดต้องเป็นตัวเลข', 'Latitude and longitude must be numbers'],
    [`/search?q=${'ก'.repeat(201)}`, 'ยาวไม่เกิน 200 ตัวอักษร', 'at most 200 characters'],
    ['/search?q=%FF', 'เข้ารหัสไม่ถูกต้อง', 'not valid UTF-8'],
    ['/search?q=%E0%A4%A', 'เข้ารหัสไม่ถูกต้อง', 'not valid UTF-8'],
    ['/search?q=a%00b', 'ไม่มีอักขระควบคุม', 'without control characters'],
    ['/search?kind=castle', 'ประเภทหน่วยงานต้องเป็นหนึ่งใน', 'The kind of office must be one of'],
    [`/search?province=${q("50' OR '1'='1")}`, 'รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก', 'The province must be a 2-digit DOPA code'],
    ['/search?province=99', 'ไม่พบจังหวัดรหัส 99', 'There is no province with code 99'],
    ['/search?district=9999', 'ไม่พบอำเภอรหัส 9999', 'There is no district with code 9999'],
    [`/search?manual=${q('<script>')}`, 'รหัสบริการต้องเป็น', 'The service must be a slug'],
    ['/search?manual=no-such-service', 'ไม่พบบริการ “no-such-service”', 'There is no service “no-such-service”'],
    ['/search?radius=5000', 'ระบุรัศมีได้เมื่อระบุตำแหน่งด้วยเท่านั้น', 'A radius needs a position'],
    ['/search?lat=18.79&lng=98.98&radius=5', 'รัศมีต้องเป็นจำนวนเต็ม 100 ถึง 100,000 เมตร', 'The radius must be a whole number'],
    ['/search?province=50&page=0', 'เลขหน้าต้องเป็นจำนวนเต็ม', 'page must be a whole number'],
    ['/search?province=50&page=abc', 'เลขหน้าต้องเป็นจำนวนเต็ม', 'page must be a whole number'],
    ['/search?q=a&q=b', 'ยาวไม่เกิน 200 ตัวอักษร', 'at most 200 characters'],
  ];
  it.each(cases)('%s → 400 with the problem in Thai and English', async (url, th, en) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain(th);
    expect(response.body).toContain(en);
    // The form is still there to correct the search.
    expect(response.body).toContain('<form role="search"');
  });

  it('answers in English first on the English page', async () => {
    const response = await get('/en/search?lat=0&lng=0');
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/This position is outside Thailand[^<]* <span lang="th">\(ตำแหน่งนี้อยู่นอกประเทศไทย/);
  });
});

describe('map page', () => {
  it('has the map and, for no JavaScript, every province as a list', async () => {
    const response = await get('/map');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<div class="map" data-module="map"/);
    expect(response.body).toContain('data-clusters-url="/api/v1/map/clusters"');
    expect(response.body.match(/href="\/search\?province=\d{2}"/g)).toHaveLength(77);
    // Thai dictionary order: เชียงใหม่ sorts under ช, before ตาก.
    expect(response.body.indexOf('>เชียงใหม่<')).toBeLessThan(response.body.indexOf('>ตาก<'));
  });
});
