import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { rows } from '../../db/client.js';
import { officeHours } from './hours.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const query = <T>(statement: ReturnType<typeof sql>) => rows<T>(t.database.db, statement);
const get = (url: string) => t.app.inject(url);

/** The JSON-LD of a page, parsed. */
function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(match, 'page has JSON-LD').not.toBeNull();
  return JSON.parse(match?.[1] ?? 'null') as Record<string, unknown>;
}

/** The <li> of the services list that links to a manual. */
function serviceItem(html: string, slug: string, code: string): string {
  const services = html.slice(html.indexOf('<section id="services"'));
  const at = services.indexOf(`/manuals/${slug}?point=${code}"`);
  expect(at, `services list links ${slug}`).toBeGreaterThan(-1);
  return services.slice(services.lastIndexOf('<li', at), services.indexOf('</li>', at));
}

/** Freezes the clock the pages read (only Date: timers and I/O keep running). */
const freezeAt = (bangkokLocal: string) => vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${bangkokLocal}+07:00`) });

interface PointRow {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  lat: number;
  lng: number;
}

async function pointWith(condition: ReturnType<typeof sql>): Promise<PointRow> {
  const [point] = await query<PointRow>(
    sql`select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.lat, p.lng from service_points p
        join organisations o on o.id = p.organisation_id where p.status = 'active' and ${condition} order by p.id limit 1`,
  );
  if (!point) throw new Error('no point in the seed matches');
  return point;
}

describe('service point page', () => {
  it('shows the name, hierarchy, contacts, map, directions, services, satisfaction and photos from the seed', async () => {
    const point = await pointWith(sql`exists (select 1 from photos ph where ph.point_id = p.id) and exists (select 1 from rating_daily r where r.point_id = p.id)`);
    const response = await get(`/p/${point.code}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<html lang="th"');
    expect(html.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(html).toContain(`>${point.nameTh}</h1>`);

    const [chain] = await query<{ names: string[] }>(
      sql`select array_agg(a.name_th order by length(a.path)) as names from service_points p join organisations o on o.id = p.organisation_id
          join organisations a on o.path like a.path || '%' where p.id = ${point.id}`,
    );
    const crumbs = html.slice(html.indexOf('<ol class="crumbs">'), html.indexOf('</ol>', html.indexOf('<ol class="crumbs">')));
    for (const name of chain?.names ?? []) expect(crumbs).toContain(name);

    const [contact] = await query<{ phones: string[] }>(sql`select phones from service_points where id = ${point.id}`);
    const phone = contact?.phones[0] ?? '';
    expect(html).toContain(`href="tel:+66${phone.replace(/\D/g, '').slice(1)}"`);

    expect(html).toMatch(new RegExp(`<div class="map small" data-module="point-map" data-lat="${point.lat}" data-lng="${point.lng}" data-name="[^"]+"`));
    expect(html).toContain(`https://www.google.com/maps/dir/?api=1&amp;destination=${point.lat.toFixed(6)},${point.lng.toFixed(6)}`);
    expect(html).toContain(`https://www.openstreetmap.org/directions?to=${point.lat.toFixed(6)},${point.lng.toFixed(6)}`);
    expect(html).toContain('https://map.longdo.com/?lat=');
    expect(html).toContain(`href="/p/${point.code}/rate"`);

    const manuals = await query<{ slug: string }>(sql`select m.slug from point_manuals pm join manuals m on m.id = pm.manual_id where pm.point_id = ${point.id}`);
    expect(manuals.length).toBeGreaterThan(0);
    for (const { slug } of manuals) expect(html).toContain(`href="/manuals/${slug}?point=${point.code}"`);

    const [summary] = await query<{ count: number; total: number }>(
      sql`select count(*)::int as count, sum(overall)::int as total from ratings
          where point_id = ${point.id} and counted and day >= date_trunc('month', (now() at time zone 'Asia/Bangkok')::date) - interval '11 months'`,
    );
    const average = Math.round(((summary?.total ?? 0) / (summary?.count ?? 1)) * 10) / 10;
    expect(html).toContain(`<span class="score">${average.toLocaleString('th-TH', { maximumFractionDigits: 1 })}</span>`);
    expect(html).toContain(`(ผู้ประเมิน ${(summary?.count ?? 0).toLocaleString('th-TH')} คน)`);

    const photos = await query<{ id: number; altTh: string }>(sql`select id, alt_th as "altTh" from photos where point_id = ${point.id}`);
    for (const photo of photos) expect(html).toContain(`<img src="/photos/${photo.id}.webp" alt="${photo.altTh}"`);
  });

  it('shows the five newest published comments with the office replies', async () => {
    const point = await pointWith(sql`exists (select 1 from ratings r where r.point_id = p.id and r.reply is not null and r.comment_status = 'published')`);
    const comments = await query<{ comment: string; reply: string | null }>(
      sql`select comment, reply from ratings where point_id = ${point.id} and comment_status = 'published' order by created_at desc limit 6`,
    );
    // A held comment never shows, even when it is the newest.
    await t.database.db.execute(
      sql`insert into ratings (point_id, day, channel, overall, comment, comment_status, held_reason) values (${point.id}, current_date, 'web', 1, 'ข้อความที่ถูกระงับไว้', 'held', 'spam')`,
    );
    const html = (await get(`/p/${point.code}`)).body;
    const list = html.slice(html.indexOf('<ol class="comments">'), html.indexOf('</ol>', html.indexOf('<ol class="comments">')));
    expect(list.match(/<li>/g)).toHaveLength(Math.min(5, comments.length));
    for (const comment of comments.slice(0, 5)) {
      expect(list).toContain(comment.comment);
      if (comment.reply) expect(list).toContain(comment.reply);
    }
    expect(html).not.toContain('ข้อความที่ถูกระงับไว้');
  });

  it('has an English version with English names and links in English', async () => {
    const point = await pointWith(sql`p.name_en is not null`);
    const response = await get(`/en/p/${point.code}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain(`<h1>${point.nameEn}</h1>`);
    expect(response.body).toContain(`<p class="subtitle" lang="th">${point.nameTh}</p>`);
    expect(response.body).toMatch(new RegExp(`href="/en/manuals/[a-z0-9-]+\\?point=${point.code}"`));
    expect(response.body).toContain('Opening hours');
    expect(response.body).toContain(`href="/en/p/${point.code}/rate"`);
  });

  it('marks an unverified pin', async () => {
    const point = await pointWith(sql`p.verification = 'unverified'`);
    expect((await get(`/p/${point.code}`)).body).toContain('ตำแหน่งหมุดยังไม่ได้ตรวจสอบ อาจคลาดเคลื่อน');
    const verified = await pointWith(sql`p.verification = 'verified'`);
    expect((await get(`/p/${verified.code}`)).body).toContain('ตรวจสอบตำแหน่งหมุดแล้ว');
  });

  it('tells whether the office confirmed its list of services complete', async () => {
    const confirmed = await pointWith(sql`p.manuals_confirmed_at is not null`);
    expect((await get(`/p/${confirmed.code}`)).body).toContain('หน่วยงานยืนยันว่ารายการบริการนี้ครบถ้วนแล้ว');
    const unconfirmed = await pointWith(sql`p.manuals_confirmed_at is null`);
    expect((await get(`/p/${unconfirmed.code}`)).body).toContain('หน่วยงานยังไม่ได้ยืนยันว่ารายการบริการนี้ครบถ้วน');
  });
});

describe('a closed service point', () => {
  it('still answers its page, says it closed, and no longer serves its photos', async () => {
    const point = await pointWith(sql`exists (select 1 from photos ph where ph.point_id = p.id)`);
    const [photo] = await query<{ id: number }>(sql`select id from photos where point_id = ${point.id} limit 1`);
    await t.database.db.execute(sql`update service_points set status = 'closed' where id = ${point.id}`);
    const html = (await get(`/p/${point.code}`)).body;
    expect(html).toContain('จุดบริการนี้ปิดให้บริการแล้ว');
    expect(html).not.toContain('class="open-state');
    expect((await get(`/api/v1/service-points/${point.code}`)).json()).toMatchObject({ status: 'closed', hours: { now: null } });
    expect((await get(`/photos/${photo?.id}.webp`)).statusCode).toBe(404);
  });
});

describe('opening hours right now', () => {
  /** A point open Monday to Friday 08:30–12:00 and 13:00–16:30, closed on holidays. */
  const lunchBreakPoint = () => pointWith(sql`p.hours = ${JSON.stringify(officeHours())}::jsonb and p.closed_on_holidays`);
  const stateOf = (html: string) =>
    /<p class="open-state [^"]+"><span class="visually-hidden">[^<]*<\/span><strong>([^<]*)<\/strong> · ([^<]*)<\/p>/.exec(html)?.slice(1).join(' · ');

  it('is open in the afternoon and says when it closes', async () => {
    const point = await lunchBreakPoint();
    freezeAt('2026-11-23T14:00:00');
    const html = (await get(`/p/${point.code}`)).body;
    expect(stateOf(html)).toBe('เปิดอยู่ · ปิด 16:30');
    // Today (Monday 23 November 2569) is the highlighted first row of the week.
    expect(html).toMatch(/<tr class="today" aria-current="date"><th scope="row">วันจันทร์ <span class="meta">23 พ.ย. 2569<\/span>/);
  });

  it('is closed for lunch and says when it reopens', async () => {
    const point = await lunchBreakPoint();
    freezeAt('2026-11-23T12:30:00');
    expect(stateOf((await get(`/p/${point.code}`)).body)).toBe('ปิดพักกลางวัน · เปิดอีกครั้ง 13:00');
    freezeAt('2026-11-23T12:30:00');
    expect((await get(`/en/p/${point.code}`)).body).toContain('<strong>Closed for lunch</strong> · reopens 13:00');
  });

  it('is closed on a government holiday from the holidays table and names it', async () => {
    const point = await lunchBreakPoint();
    const [holiday] = await query<{ nameTh: string }>(sql`select name_th as "nameTh" from holidays where date = '2026-12-07' and government_day_off`);
    freezeAt('2026-12-07T10:00:00');
    expect(stateOf((await get(`/p/${point.code}`)).body)).toBe(`วันหยุดราชการ (${holiday?.nameTh}) · เปิดวันอังคาร 8 ธ.ค. 2569 08:30`);
  });

  it('follows the exceptions of hours_exceptions', async () => {
    const point = await lunchBreakPoint();
    await t.database.db.execute(sql`insert into hours_exceptions (point_id, date, intervals, note_th, note_en) values
      (${point.id}, '2026-11-24', '[]'::jsonb, 'ย้ายสำนักงาน', 'Moving office'),
      (${point.id}, '2026-11-25', '[["10:00","14:00"]]'::jsonb, 'อบรมเจ้าหน้าที่', 'Staff training')`);
    freezeAt('2026-11-24T10:00:00');
    const closed = (await get(`/p/${point.code}`)).body;
    expect(stateOf(closed)).toBe('ปิดเป็นกรณีพิเศษ (ย้ายสำนักงาน) · เปิดวันพุธ 25 พ.ย. 2569 10:00');
    expect(closed).toContain('10:00–14:00 (เวลาพิเศษ: อบรมเจ้าหน้าที่)');
    freezeAt('2026-11-25T09:00:00');
    expect(stateOf((await get(`/p/${point.code}`)).body)).toBe('ยังไม่เปิด · เปิด 10:00');
  });

  it('gives the same state in the JSON API', async () => {
    const point = await lunchBreakPoint();
    freezeAt('2026-11-23T12:30:00');
    const body = (await get(`/api/v1/service-points/${point.code}`)).json();
    expect(body.hours.now).toEqual({ open: false, reason: 'lunch', opensNext: { date: '2026-11-23', time: '13:00' } });
    expect(body.hours.week[0]).toMatchObject({ date: '2026-11-23', intervals: [['08:30', '12:00'], ['13:00', '16:30']], reason: 'regular' });
  });
});

describe('Zero Copy badge of each service', () => {
  /** A linked manual with two state-issued documents that ask for copies, and nothing declared yet. */
  async function scenario() {
    const [manual] = await query<{ manualId: number; slug: string; documentIds: number[] }>(
      sql`select m.id as "manualId", m.slug, array_agg(d.id order by d.position) as "documentIds"
          from manuals m join manual_documents d on d.manual_id = m.id and d.government_issued and d.copies > 0
          where exists (select 1 from point_manuals pm where pm.manual_id = m.id)
          group by m.id, m.slug having count(*) = 2 order by m.id limit 1`,
    );
    const [point] = await query<{ pointId: number; code: string }>(
      sql`select p.id as "pointId", p.code from point_manuals pm join service_points p on p.id = pm.point_id
          where pm.manual_id = ${manual?.manualId} and p.status = 'active' order by p.id limit 1`,
    );
    const found = manual && point ? { ...manual, ...point } : undefined;
    if (!found) throw new Error('no manual with two in-scope documents');
    await t.database.db.execute(sql`delete from zero_copy_statuses where point_id = ${found.pointId} and document_id in (select id from manual_documents where manual_id = ${found.manualId})`);
    const declare = (documentId: number | undefined, status: string, extra = sql`null, null, null`) =>
      t.database.db.execute(sql`insert into zero_copy_statuses (point_id, document_id, status, method, reason, plan_date) values (${found.pointId}, ${documentId}, ${status}, ${extra})
        on conflict (point_id, document_id) do update set status = excluded.status, method = excluded.method, reason = excluded.reason, plan_date = excluded.plan_date`);
    const badge = async () => /data-zero-copy="([a-z_]+)"[^>]*>([^<]+)</.exec(serviceItem((await get(`/p/${found.code}`)).body, found.slug, found.code))?.slice(1);
    const api = async () =>
      ((await get(`/api/v1/service-points/${found.code}`)).json().services.items as { slug: string; zeroCopy: unknown }[]).find((s) => s.slug === found.slug)?.zeroCopy;
    return { ...found, declare, badge, api };
  }

  it('says undeclared, then counts copies still asked, then no copies, as documented', async () => {
    const s = await scenario();
    expect(await s.badge()).toEqual(['undeclared', 'ยังไม่ได้แจ้งสถานะ']);
    expect(await s.api()).toEqual({ badge: 'undeclared', inScope: 2, declared: 0, stillRequested: 2 });

    await s.declare(s.documentIds[0], 'verified_at_source', sql`'smart_card', null, null`);
    expect(await s.badge()).toEqual(['copies_requested', 'ยังขอสำเนา 1 รายการ']);

    await s.declare(s.documentIds[1], 'copy_required', sql`null, 'ยังไม่มีเครื่องอ่านบัตร', '2027-03-31'`);
    expect(await s.badge()).toEqual(['copies_requested', 'ยังขอสำเนา 1 รายการ']);
    expect(await s.api()).toEqual({ badge: 'copies_requested', inScope: 2, declared: 2, stillRequested: 1 });

    await s.declare(s.documentIds[1], 'copy_by_office');
    expect(await s.badge()).toEqual(['no_copies', 'ไม่ต้องใช้สำเนา']);
  });

  it('shows each document state on the manual page reached from the point', async () => {
    const s = await scenario();
    await s.declare(s.documentIds[0], 'copy_required', sql`null, 'ยังไม่มีเครื่องอ่านบัตร', '2027-03-31'`);
    let html = (await get(`/manuals/${s.slug}?point=${s.code}`)).body;
    expect(html).toContain('ยังขอสำเนา</span> — เหตุผล: <span lang="th">ยังไม่มีเครื่องอ่านบัตร</span> · เลิกภายใน 31 มี.ค. 2570');
    expect(html).toContain('data-zero-copy="undeclared">ยังไม่แจ้ง');

    await s.declare(s.documentIds[0], 'verified_at_source', sql`'smart_card', null, null`);
    await s.declare(s.documentIds[1], 'copy_by_office');
    html = (await get(`/manuals/${s.slug}?point=${s.code}`)).body;
    expect(html).toContain('ตรวจสอบจากต้นทาง (เครื่องอ่านบัตร)');
    expect(html).toContain('สำนักงานถ่ายสำเนาให้ฟรี');
    expect(html).toContain('data-zero-copy="no_copies">ไม่ต้องใช้สำเนา');
  });
});

describe('JSON-LD', () => {
  it('describes a GovernmentOffice with address, geo, phone, hours, parent and rating', async () => {
    const point = await pointWith(sql`exists (select 1 from rating_daily r where r.point_id = p.id and r.day > current_date - 300)`);
    const html = (await get(`/p/${point.code}`)).body;
    const data = jsonLdOf(html);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'GovernmentOffice',
      name: point.nameTh,
      url: `${t.config.publicUrl.replace(/\/$/, '')}/p/${point.code}`,
      address: { '@type': 'PostalAddress', addressCountry: 'TH' },
      geo: { '@type': 'GeoCoordinates', latitude: point.lat, longitude: point.lng },
      parentOrganization: { '@type': 'GovernmentOrganization' },
      aggregateRating: { '@type': 'AggregateRating', bestRating: 5, worstRating: 1 },
    });
    expect(data.telephone).toMatch(/^\+66\d{8,9}$/);
    const hours = data.openingHoursSpecification as { dayOfWeek: string[]; opens: string; closes: string }[];
    expect(hours.length).toBeGreaterThan(0);
    expect(hours[0]?.dayOfWeek).toContain('https://schema.org/Monday');
    const rating = data.aggregateRating as { ratingValue: number; ratingCount: number };
    expect(html).toContain(`<span class="score">${rating.ratingValue.toLocaleString('th-TH', { maximumFractionDigits: 1 })}</span>`);
  });

  it('leaves out aggregateRating when nobody rated the point', async () => {
    const point = await pointWith(sql`not exists (select 1 from rating_daily r where r.point_id = p.id)`);
    const html = (await get(`/p/${point.code}`)).body;
    expect(jsonLdOf(html).aggregateRating).toBeUndefined();
    expect(html).toContain('ยังไม่มีผู้ประเมินในช่วง 12 เดือนล่าสุด');
  });
});

describe('bad input', () => {
  it('answers 404 with a page for a well-formed code that does not exist', async () => {
    const taken = new Set((await query<{ code: string }>(sql`select code from service_points`)).map((p) => p.code));
    const unknown = ['222222', '333333', '444444', 'ZZZZZZ'].find((code) => !taken.has(code));
    const page = await get(`/p/${unknown}`);
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect((await get(`/en/p/${unknown}`)).body).toContain('The page or record you asked for was not found');
    const api = await get(`/api/v1/service-points/${unknown}`);
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers 400 for malformed codes, and redirects a code typed in lower case', async () => {
    for (const code of ['ABC', 'ABCDEFG', 'IIIIII', 'ABC10O', '%3Cscript%3E', 'A'.repeat(150)]) {
      expect((await get(`/p/${code}`)).statusCode, code).toBe(400);
      expect((await get(`/api/v1/service-points/${code}`)).statusCode, code).toBe(400);
    }
    const point = await pointWith(sql`true`);
    const lower = await get(`/en/p/${point.code.toLowerCase()}`);
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe(`/en/p/${point.code}`);
    expect((await get(`/api/v1/service-points/${point.code.toLowerCase()}`)).statusCode).toBe(400);
  });

  it('escapes what officers and citizens typed, in the page and in the JSON-LD', async () => {
    const point = await pointWith(sql`exists (select 1 from point_manuals pm where pm.point_id = p.id)`);
    const attack = '<script>alert(1)</script>';
    await t.database.db.execute(sql`update service_points set name_th = ${`สำนักงาน ${attack}`}, website = 'javascript:alert(1)', email = ${`x@y.z"><script>`},
      phones = array['0 2123 4567', ${attack}] where id = ${point.id}`);
    await t.database.db.execute(sql`update point_manuals set local_note_th = ${`หมายเหตุ ${attack}`} where point_id = ${point.id}`);
    await t.database.db.execute(
      sql`insert into ratings (point_id, day, channel, overall, comment, comment_status, reply) values (${point.id}, current_date, 'web', 3, ${attack}, 'published', ${`"><img src=x onerror=alert(1)>`})`,
    );
    const html = (await get(`/p/${point.code}`)).body;
    expect(html).not.toContain(attack);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:alert');
    expect(html).not.toContain('mailto:x@y.z');
    expect(html).toContain('<h1>สำนักงาน &lt;script>alert(1)&lt;/script></h1>');
    expect(jsonLdOf(html).name).toBe(`สำนักงาน ${attack}`);
    const api = (await get(`/api/v1/service-points/${point.code}`)).json();
    expect(api.contacts.website).toBeNull();
    expect(api.contacts.phones[1]).toEqual({ text: attack, international: null });
  });
});

describe('photos', () => {
  it('serves the WebP bytes with long cache headers', async () => {
    const [photo] = await query<{ id: number; size: number }>(sql`select ph.id, length(ph.image)::int as size from photos ph join service_points p on p.id = ph.point_id where p.status = 'active' order by ph.id limit 1`);
    const response = await get(`/photos/${photo?.id}.webp`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.rawPayload.length).toBe(photo?.size);
    expect(response.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('answers 404 for an unknown photo and 400 for a malformed name', async () => {
    expect((await get('/photos/987654321.webp')).statusCode).toBe(404);
    for (const name of ['abc.webp', '1.png', '0.webp', '1.webp.exe', '-1.webp']) expect((await get(`/photos/${name}`)).statusCode, name).toBe(400);
  });
});

describe('JSON API of a point', () => {
  it('returns the facts of the page: hours, services with Zero Copy counts, satisfaction', async () => {
    const point = await pointWith(sql`exists (select 1 from rating_daily r where r.point_id = p.id) and exists (select 1 from point_manuals pm where pm.point_id = p.id)`);
    const response = await get(`/api/v1/service-points/${point.code}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json();
    expect(body).toMatchObject({ code: point.code, name: { th: point.nameTh }, location: { lat: point.lat, lng: point.lng } });
    expect(body.hours.week).toHaveLength(7);
    const [linked] = await query<{ n: number }>(sql`select count(*)::int as n from point_manuals where point_id = ${point.id}`);
    expect(body.services.items).toHaveLength(linked?.n ?? -1);
    for (const service of body.services.items) expect(['no_copies', 'copies_requested', 'undeclared']).toContain(service.zeroCopy.badge);
    const distribution = Object.values(body.satisfaction.distribution as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(distribution).toBe(body.satisfaction.count);
    expect(body.satisfaction.average).toBeGreaterThanOrEqual(1);
  });
});
