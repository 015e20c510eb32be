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
const between = (html: string, start: string, end: string) => {
  const from = html.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  return html.slice(from, html.indexOf(end, from));
};

interface ManualRow {
  id: number;
  slug: string;
  titleTh: string;
  titleEn: string;
}

async function manualWith(condition: ReturnType<typeof sql>): Promise<ManualRow> {
  const [manual] = await query<ManualRow>(
    sql`select m.id, m.slug, m.title_th as "titleTh", m.title_en as "titleEn" from manuals m where m.status = 'published' and ${condition} order by m.id limit 1`,
  );
  if (!manual) throw new Error('no manual in the seed matches');
  return manual;
}

describe('manual page', () => {
  it('shows the title, owner, steps with durations, total time and the documents table', async () => {
    const manual = await manualWith(sql`m.total_time_unit = 'minute' and m.fees = '[]'::jsonb`);
    const response = await get(`/manuals/${manual.slug}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(html).toContain(`<h1>${manual.titleTh}</h1>`);
    const [facts] = await query<{ owner: string; ministry: string; category: string; total: number; steps: number; documents: number }>(
      sql`select owner_agency_th as owner, ministry_th as ministry, category_th as category, total_time_value as total,
            (select count(*)::int from manual_steps s where s.manual_id = m.id) as steps,
            (select count(*)::int from manual_documents d where d.manual_id = m.id) as documents
          from manuals m where id = ${manual.id}`,
    );
    expect(html).toContain(facts?.owner);
    expect(html).toContain(facts?.ministry);
    expect(html).toContain(facts?.category);
    const steps = between(html, '<ol class="steps">', '</ol>');
    expect(steps.match(/<li>/g)).toHaveLength(facts?.steps ?? -1);
    expect(steps).toMatch(/<strong>\d+ นาที<\/strong>/);
    expect(html).toContain(`ระยะเวลาดำเนินการรวม:</strong> ${facts?.total} นาที`);
    expect(html).toContain('ไม่เสียค่าธรรมเนียม');
    const table = between(html, '<table id="documents"', '</table>');
    expect(table.match(/<tr role="row">/g)).toHaveLength((facts?.documents ?? 0) + 1);
    expect(html).toContain('ข้อมูลตัวอย่าง — ตรวจสอบกับหน่วยงาน');
    expect(html).toContain('ช่องทางร้องเรียน');
  });

  it('writes working days and fees in baht', async () => {
    const workingDays = await manualWith(sql`exists (select 1 from manual_steps s where s.manual_id = m.id and s.duration_unit = 'working_day')`);
    expect((await get(`/manuals/${workingDays.slug}`)).body).toMatch(/<strong>\d+ วันทำการ<\/strong>/);
    expect((await get(`/en/manuals/${workingDays.slug}`)).body).toMatch(/<strong>\d+ working days?<\/strong>/);
    const paid = await manualWith(sql`exists (select 1 from jsonb_array_elements(m.fees) f where (f->>'amountBaht')::numeric > 0)`);
    const [fee] = await query<{ amount: number }>(
      sql`select (f->>'amountBaht')::int as amount from manuals m, jsonb_array_elements(m.fees) f where m.id = ${paid.id} and (f->>'amountBaht')::numeric > 0 limit 1`,
    );
    expect((await get(`/manuals/${paid.slug}`)).body).toContain(`${fee?.amount.toLocaleString('th-TH')} บาท`);
  });

  it('has an English version', async () => {
    const manual = await manualWith(sql`m.title_en is not null`);
    const html = (await get(`/en/manuals/${manual.slug}`)).body;
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(`<h1>${manual.titleEn.replaceAll('’', '’')}</h1>`);
    expect(html).toContain('Sample data — check with the office');
    expect(html).toContain('<ol class="steps">');
    expect(html).toContain('Documents you need');
  });

  it('from a point: shows the point, and other points giving the service nearest first', async () => {
    const [linked] = await query<{ code: string; pointId: number; slug: string; manualId: number }>(
      sql`select p.code, p.id as "pointId", m.slug, m.id as "manualId" from point_manuals pm join service_points p on p.id = pm.point_id join manuals m on m.id = pm.manual_id
          where p.status = 'active' and m.slug like 'dopa-%' order by p.id limit 1`,
    );
    const html = (await get(`/manuals/${linked?.slug}?point=${linked?.code}`)).body;
    expect(html).toContain(`href="/p/${linked?.code}"`);
    expect(html).toContain('ที่จุดบริการนี้');
    const nearby = between(html, '<section id="nearby"', '</section>');
    const codes = [...nearby.matchAll(/\?point=([2-9A-Z]{6})"/g)].map((match) => match[1] ?? '');
    const distances = [...nearby.matchAll(/ห่าง ([\d.,]+) กม\./g)].map((match) => Number((match[1] ?? '').replaceAll(',', '')));
    expect(codes).toHaveLength(5);
    expect(codes).not.toContain(linked?.code);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const giving = await query<{ code: string }>(
      sql`select p.code from point_manuals pm join service_points p on p.id = pm.point_id where pm.manual_id = ${linked?.manualId} and p.code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
    );
    expect(giving).toHaveLength(5);
  });

  it('says so when the point does not give the service', async () => {
    const manual = await manualWith(sql`true`);
    const [other] = await query<{ code: string }>(
      sql`select p.code from service_points p where not exists (select 1 from point_manuals pm where pm.point_id = p.id and pm.manual_id = ${manual.id}) limit 1`,
    );
    const html = (await get(`/manuals/${manual.slug}?point=${other?.code}`)).body;
    expect(html).toContain('จุดบริการนี้ไม่ได้แจ้งว่าให้บริการนี้');
    expect(html).not.toContain('ที่จุดบริการนี้</th>');
  });

  it('without a point: lists points in a chosen province, or offers a province list and the search', async () => {
    const manual = await manualWith(sql`m.slug like 'dopa-%'`);
    const plain = (await get(`/manuals/${manual.slug}`)).body;
    expect(plain).toContain(`href="/search?manual=${manual.slug}"`);
    expect(between(plain, '<select id="province"', '</select>').match(/<option /g)).toHaveLength(77);

    const html = (await get(`/manuals/${manual.slug}?province=50`)).body;
    const nearby = between(html, '<section id="nearby"', '</section>');
    const codes = [...nearby.matchAll(/\?point=([2-9A-Z]{6})"/g)].map((match) => match[1] ?? '');
    expect(codes.length).toBeGreaterThan(0);
    const inProvince = await query<{ n: number }>(
      sql`select count(*)::int as n from service_points where province_code = '50' and code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
    );
    expect(inProvince[0]?.n).toBe(codes.length);
    expect(nearby).toContain(`href="/search?manual=${manual.slug}&amp;province=50"`);
  });
});

describe('catalogue', () => {
  it('lists every published manual grouped by category', async () => {
    const html = (await get('/manuals')).body;
    const [counts] = await query<{ manuals: number; categories: number }>(
      sql`select count(*)::int as manuals, count(distinct category_th)::int as categories from manuals where status = 'published'`,
    );
    expect(html.match(/href="\/manuals\/[a-z0-9-]+"/g)).toHaveLength(counts?.manuals ?? -1);
    expect(html.match(/<h2>/g)).toHaveLength(counts?.categories ?? -1);
    expect(html).toContain('<form method="get" action="/manuals" role="search"');
  });

  it('filters with q, without JavaScript', async () => {
    const html = (await get(`/manuals?q=${encodeURIComponent('บัตรประจำตัวประชาชน')}`)).body;
    const links = html.match(/href="\/manuals\/[a-z0-9-]+"/g) ?? [];
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((link) => link.includes('id-card'))).toBe(true);
    expect(html).toContain('value="บัตรประจำตัวประชาชน"');
    expect((await get('/en/manuals?q=marriage')).body).toMatch(/href="\/en\/manuals\/dopa-marriage-registration"/);
    expect((await get('/manuals?q=zzzqqq')).body).toContain('ไม่พบคู่มือที่ตรงกับคำค้น');
  });

  it('escapes the query and refuses nonsense', async () => {
    const attack = '"><script>alert(1)</script>';
    const html = (await get(`/manuals?q=${encodeURIComponent(attack)}`)).body;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('value="&quot;>&lt;script>alert(1)&lt;/script>"');
    expect((await get(`/manuals?q=${'ก'.repeat(101)}`)).statusCode).toBe(400);
    expect((await get('/manuals?page=0')).statusCode).toBe(400);
    expect((await get('/manuals?page=abc')).statusCode).toBe(400);
    expect((await get('/manuals?page=5')).statusCode).toBe(400);
    expect((await get("/manuals?q=' or 1=1 --")).statusCode).toBe(200);
  });
});

describe('bad input on the manual page', () => {
  it('answers 404 for unknown slugs, points and provinces', async () => {
    expect((await get('/manuals/no-such-manual')).statusCode).toBe(404);
    expect((await get('/en/manuals/no-such-manual')).body).toContain('The page or record you asked for was not found');
    const manual = await manualWith(sql`true`);
    const taken = new Set((await query<{ code: string }>(sql`select code from service_points`)).map((p) => p.code));
    const unknown = ['222222', '333333', 'ZZZZZZ'].find((code) => !taken.has(code));
    expect((await get(`/manuals/${manual.slug}?point=${unknown}`)).statusCode).toBe(404);
    expect((await get(`/manuals/${manual.slug}?province=99`)).statusCode).toBe(404);
  });

  it('answers 400 for malformed slugs and parameters', async () => {
    const manual = await manualWith(sql`true`);
    for (const url of [
      '/manuals/Bad_Slug',
      '/manuals/-leading',
      `/manuals/${'a'.repeat(101)}`,
      '/manuals/%3Cscript%3E',
      `/manuals/${manual.slug}?point=abc`,
      `/manuals/${manual.slug}?point=IIIIII`,
      `/manuals/${manual.slug}?province=5`,
      `/manuals/${manual.slug}?province=ab`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(400);
    }
  });
});

describe('manual API', () => {
  it('lists the catalogue in pages of at most 100', async () => {
    const [total] = await query<{ n: number }>(sql`select count(*)::int as n from manuals where status = 'published'`);
    const first = (await get('/api/v1/manuals?pageSize=10')).json();
    expect(first).toMatchObject({ page: 1, pageSize: 10, total: total?.n });
    expect(first.items).toHaveLength(10);
    expect(first.items[0]).toMatchObject({ slug: expect.any(String), title: { th: expect.any(String) }, owner: { name: { th: expect.any(String) } } });
    const second = (await get('/api/v1/manuals?pageSize=10&page=2')).json();
    expect(second.items[0].slug).not.toBe(first.items[0].slug);
    expect((await get('/api/v1/manuals?pageSize=101')).statusCode).toBe(400);
    expect((await get('/api/v1/manuals?pageSize=0')).statusCode).toBe(400);
    const past = await get('/api/v1/manuals?pageSize=100&page=2');
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ field: 'page' }] } });
  });

  it('filters by words and by owner', async () => {
    const byOwner = (await get('/api/v1/manuals?owner=dopa&pageSize=100')).json();
    const [dopa] = await query<{ n: number }>(
      sql`select count(*)::int as n from manuals m join organisations o on o.id = m.owner_organisation_id where o.code = 'dopa'`,
    );
    expect(byOwner.total).toBe(dopa?.n);
    expect(byOwner.items.every((item: { owner: { code: string } }) => item.owner.code === 'dopa')).toBe(true);
    const byWords = (await get(`/api/v1/manuals?q=${encodeURIComponent('ทะเบียนสมรส')}`)).json();
    expect(byWords.items.map((item: { slug: string }) => item.slug)).toContain('dopa-marriage-registration');
    expect((await get('/api/v1/manuals?owner=DROP%20TABLE')).statusCode).toBe(400);
  });

  it('returns one manual with its steps and documents', async () => {
    const manual = await manualWith(sql`true`);
    const response = await get(`/api/v1/manuals/${manual.slug}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const [counts] = await query<{ steps: number; documents: number }>(
      sql`select (select count(*)::int from manual_steps where manual_id = ${manual.id}) as steps, (select count(*)::int from manual_documents where manual_id = ${manual.id}) as documents`,
    );
    expect(body.title).toEqual({ th: manual.titleTh, en: manual.titleEn });
    expect(body.steps).toHaveLength(counts?.steps ?? -1);
    expect(body.steps[0]).toMatchObject({ position: 1, duration: { value: expect.any(Number), unit: expect.any(String) } });
    expect(body.documents).toHaveLength(counts?.documents ?? -1);
    expect(body.documents[0]).toMatchObject({ governmentIssued: expect.any(Boolean), originals: expect.any(Number), copies: expect.any(Number) });
    expect((await get('/api/v1/manuals/no-such-manual')).statusCode).toBe(404);
    expect((await get('/api/v1/manuals/Not_A_Slug')).json()).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
