/**
 * Poster routes without Chromium (CHROMIUM_PATH points nowhere): who may print what, bad input,
 * the print pages themselves, the 503 that sends the office to its browser's printing, and the
 * record of printing. Rendering with Chromium is tested in render.test.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, hashSessionId, markSecondFactor } from '../../auth/sessions.js';
import { rows, type Db } from '../../db/client.js';
import { auditLog, roleGrants, servicePoints, users } from '../../db/schema.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { POSTERS_PER_SET } from './office.js';

let t: TestApp;
let db: Db;

interface Place {
  pointId: number;
  code: string;
  nameTh: string;
  organisationId: number;
  provinceCode: string;
}

let a: Place; // a TAO in Chiang Mai
let b: Place; // a point of another organisation in another province
const cookies: Record<string, string> = {};
let userCount = 0;

async function placeWhere(condition: ReturnType<typeof sql>): Promise<Place> {
  const [place] = await rows<Place>(
    db,
    sql`select p.id as "pointId", p.code, p.name_th as "nameTh", p.organisation_id as "organisationId", p.province_code as "provinceCode"
        from service_points p join organisations o on o.id = p.organisation_id where ${condition} order by p.code limit 1`,
  );
  return place!;
}

/** A signed-in user with one grant, past the second factor; returns its cookie header. */
async function signedIn(grant: { role: 'officer' | 'supervisor' | 'admin'; organisationId?: number; provinceCode?: string }, organisationId: number): Promise<string> {
  userCount++;
  const [user] = await db
    .insert(users)
    .values({ email: `poster-${grant.role}-${userCount}@example.go.th`, firstName: 'ทดสอบ', lastName: `คนที่ ${userCount}`, organisationId, status: 'approved' })
    .returning({ id: users.id });
  await db.insert(roleGrants).values({ userId: user!.id, role: grant.role, organisationId: grant.organisationId ?? null, provinceCode: grant.provinceCode ?? null });
  const session = await createSession(db, user!.id, 'vitest');
  await markSecondFactor(db, hashSessionId(session.id));
  return `ci_session=${session.id}`;
}

const get = (url: string, who?: string) => t.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });

beforeAll(async () => {
  t = await createTestApp({ CHROMIUM_PATH: '/nonexistent/chromium', PUBLIC_URL: 'https://citizeninfo.example.go.th' });
  db = t.database.db;
  a = await placeWhere(sql`o.kind = 'tao' and o.province_code = '50'`);
  b = await placeWhere(sql`o.province_code <> '50' and o.province_code is not null`);
  cookies.officerA = await signedIn({ role: 'officer', organisationId: a.organisationId }, a.organisationId);
  cookies.officerB = await signedIn({ role: 'officer', organisationId: b.organisationId }, b.organisationId);
  cookies.supervisorIn = await signedIn({ role: 'supervisor', provinceCode: '50' }, a.organisationId);
  cookies.supervisorOut = await signedIn({ role: 'supervisor', provinceCode: b.provinceCode }, b.organisationId);
  cookies.admin = await signedIn({ role: 'admin' }, b.organisationId);
});
afterAll(() => t.close());

describe('who may print the posters of a point', () => {
  const pages = ['poster', 'sticker'];
  const files = ['poster.pdf', 'poster.png', 'sticker.pdf', 'sticker.png'];
  const allowed = ['officerA', 'supervisorIn', 'admin'];
  const refused = ['officerB', 'supervisorOut'];

  it('shows the print pages to the officers of the organisation, supervisors of its area and admins', async () => {
    for (const who of allowed) {
      for (const page of pages) {
        const response = await get(`/office/points/${a.code}/${page}`, who);
        expect(response.statusCode, `${who} ${page}`).toBe(200);
        expect(response.body).toContain(a.nameTh);
      }
      const set = await get(`/office/posters?organisation=${a.organisationId}`, who);
      expect(set.statusCode, `${who} set`).toBe(200);
      expect(set.body).toContain(a.code);
    }
  });

  it('answers 404 to everyone else, by every URL, without telling whether the point exists', async () => {
    const unknown = await get('/office/points/ZZZZZZ/poster', 'officerB');
    for (const who of refused) {
      for (const path of [...pages, ...files]) {
        const response = await get(`/office/points/${a.code}/${path}`, who);
        expect(response.statusCode, `${who} ${path}`).toBe(404);
        expect(response.body).not.toContain(a.nameTh);
      }
      for (const path of ['/office/posters', '/office/posters.pdf']) {
        expect((await get(`${path}?organisation=${a.organisationId}`, who)).statusCode, `${who} ${path}`).toBe(404);
      }
    }
    expect(unknown.statusCode).toBe(404);
  });

  it('sends visitors without a session to sign in', async () => {
    for (const path of [`/office/points/${a.code}/poster`, `/office/points/${a.code}/poster.pdf`, '/office/posters', '/office/posters.pdf']) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(303);
      expect(response.headers.location).toMatch(/^\/office\/sign-in\?next=/);
    }
  });

  it('lists in a set only what the actor may read', async () => {
    const officer = await get('/office/posters', 'officerA');
    const [own] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from service_points p join organisations o on o.id = p.organisation_id, organisations mine
          where mine.id = ${a.organisationId} and o.path like mine.path || '%' and p.status = 'active'`,
    );
    expect(officer.body.match(/<article class="sheet sheet-poster">/g)).toHaveLength(own!.n);
    expect(officer.body).not.toContain(b.code);

    const supervisor = await get('/office/posters', 'supervisorIn');
    const [inArea] = await rows<{ n: number }>(db, sql`select count(*)::int as n from service_points p join organisations o on o.id = p.organisation_id where o.province_code = '50' and p.status = 'active'`);
    expect(supervisor.body.match(/<article class="sheet sheet-poster">/g)).toHaveLength(Math.min(inArea!.n, POSTERS_PER_SET));
    expect(supervisor.body).not.toContain(b.code);
    if (inArea!.n > POSTERS_PER_SET) {
      expect(supervisor.body).toContain('href="/office/posters?page=2"');
      const second = await get('/office/posters?page=2&size=sticker', 'supervisorIn');
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain('<article class="sheet sheet-sticker">');
    }
  });
});

describe('the print pages', () => {
  it('carry the name, the QR code to the rating page, the code, the instructions in Thai and English', async () => {
    const response = await get(`/office/points/${a.code}/poster`, 'officerA');
    const html = response.body;
    expect(html).toContain('<html lang="th">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain(`<h2 class="name fit-`);
    expect(html).toContain(a.nameTh.normalize('NFC'));
    expect(html).toMatch(new RegExp(`<svg class="qr" [^>]*role="img" aria-label="[^"]*https://citizeninfo.example.go.th/p/${a.code}/rate"`));
    expect(html).toContain(`รหัสจุดบริการ <strong class="code-value">${a.code}</strong>`);
    expect(html).toContain('สแกนเพื่อประเมินความพึงพอใจ');
    expect(html).toContain('ใช้เวลาไม่ถึง 30 วินาที');
    expect(html).toContain(`ร้องเรียนได้ที่ citizeninfo.example.go.th/p/${a.code}/complain หรือสายด่วน 1111`);
    expect(html).toContain('Scan to rate our service');
    expect(html).toContain(`/assets/css/poster.css`);
    expect(html).toContain(`href="/office/points/${a.code}/poster.pdf"`);
    expect(html).toContain(`href="/office/points/${a.code}/sticker"`);
  });

  it('speaks the officer’s language around the poster, and keeps the poster Thai first', async () => {
    const response = await get(`/en/office/points/${a.code}/sticker`, 'officerA');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<header class="print-toolbar" lang="en">');
    expect(response.body).toContain('QR sticker:');
    expect(response.body).toContain(`href="/en/office/points/${a.code}/sticker.pdf"`);
    expect(response.body).toContain('<article class="sheet sheet-sticker">');
    expect(response.body).toContain('สแกนเพื่อประเมินความพึงพอใจ');
  });

  it('links the QR posters from the office menu', async () => {
    const response = await get('/office', 'officerA');
    expect(response.body).toContain('href="/office/posters"');
  });
});

describe('without Chromium', () => {
  it('answers PDF and PNG requests with 503, saying why in Thai, and links the print page', async () => {
    for (const file of ['poster.pdf', 'poster.png', 'sticker.pdf', 'sticker.png']) {
      const response = await get(`/office/points/${a.code}/${file}`, 'supervisorIn');
      expect(response.statusCode, file).toBe(503);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('ไม่มีโปรแกรม Chromium');
      expect(response.body).toContain(`href="/office/points/${a.code}/${file.replace(/\.(pdf|png)$/, '')}"`);
    }
    const set = await get(`/office/posters.pdf?organisation=${a.organisationId}&size=sticker`, 'officerA');
    expect(set.statusCode).toBe(503);
    expect(set.body).toContain(`href="/office/posters?organisation=${a.organisationId}&amp;size=sticker"`);
  });

  it('says it in English on English pages', async () => {
    const response = await get(`/en/office/points/${a.code}/poster.pdf`, 'admin');
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('This server has no Chromium');
    expect(response.body).toContain(`href="/en/office/points/${a.code}/poster"`);
  });
});

describe('bad input', () => {
  it('answers malformed codes and parameters with 400 and a message in Thai and English', async () => {
    for (const path of [
      '/office/points/abc/poster',
      '/office/points/K7Q2M0/poster.pdf', // 0 is never in a code
      `/office/points/${encodeURIComponent("' or 1=1 --")}/sticker`,
      `/office/points/${encodeURIComponent('<script>')}/poster`,
      '/office/posters?page=0',
      '/office/posters?page=abc',
      '/office/posters?page=1e9',
      '/office/posters?organisation=-1',
      '/office/posters?organisation=1%20or%201=1',
      '/office/posters.pdf?size=huge',
    ]) {
      const response = await get(path, 'officerA');
      expect(response.statusCode, path).toBe(400);
      expect(response.body, path).toContain('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    }
    const english = await get('/en/office/posters?page=0', 'officerA');
    expect(english.body).toContain('The data sent is not valid');
  });

  it('answers unknown points, organisations and pages out of range with 404', async () => {
    for (const path of ['/office/points/ZZZZZZ/poster.png', '/office/posters?organisation=2147483647', '/office/posters?page=999', '/office/posters.pdf?page=50000']) {
      expect((await get(path, 'admin')).statusCode, path).toBe(404);
    }
    expect((await get(`/office/points/${'A'.repeat(500)}/poster`, 'admin')).statusCode).toBeGreaterThanOrEqual(400);
    expect((await get(`/office/points/${'A'.repeat(500)}/poster`, 'admin')).statusCode).toBeLessThan(500);
  });
});

describe('rate limit', () => {
  it('stops one user asking for files in a loop, with a message', async () => {
    cookies.looping = await signedIn({ role: 'officer', organisationId: a.organisationId }, a.organisationId);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await get(`/office/points/${a.code}/poster.png`, 'looping')).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 503)).toBe(true);
    const limited = await get(`/office/points/${a.code}/poster.png`, 'looping');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('มีการส่งคำขอถี่เกินไป');
    // Other officers and the print page are not affected.
    expect((await get(`/office/points/${a.code}/poster.png`, 'officerA')).statusCode).toBe(503);
    expect((await get(`/office/points/${a.code}/poster`, 'looping')).statusCode).toBe(200);
  });
});

describe('the record of printing', () => {
  const printedAt = async (pointId: number) => (await db.select({ at: servicePoints.postersPrintedAt }).from(servicePoints).where(eq(servicePoints.id, pointId)))[0]!.at;
  const auditRows = (pointId: number) => db.select().from(auditLog).where(and(eq(auditLog.pointId, pointId), eq(auditLog.action, 'service_point.poster_printed')));

  it('is not made by a supervisor, who does not manage the point', async () => {
    await db.delete(auditLog).where(eq(auditLog.pointId, a.pointId));
    await db.update(servicePoints).set({ postersPrintedAt: null }).where(eq(servicePoints.id, a.pointId));
    await get(`/office/points/${a.code}/poster`, 'supervisorIn');
    await get(`/office/posters?organisation=${a.organisationId}`, 'supervisorIn');
    expect(await printedAt(a.pointId)).toBeNull();
    expect(await auditRows(a.pointId)).toHaveLength(0);
  });

  it('is made, with an audit row, when the officer prints, once a day', async () => {
    const before = Date.now();
    await get(`/office/points/${a.code}/poster`, 'officerA');
    const at = await printedAt(a.pointId);
    expect(at?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [row, ...more] = await auditRows(a.pointId);
    expect(more).toHaveLength(0);
    expect(row?.entity).toBe('service_point');
    expect(row?.organisationId).toBe(a.organisationId);
    expect(row?.changes).toMatchObject({ format: 'print', size: 'poster', postersPrintedAt: [null, at!.toISOString()] });
    // Reloading the page the same day adds nothing.
    await get(`/office/points/${a.code}/sticker`, 'officerA');
    await get('/office/posters', 'officerA');
    expect(await auditRows(a.pointId)).toHaveLength(1);
    expect((await printedAt(a.pointId))?.getTime()).toBe(at!.getTime());
  });

  it('is made again on a later day', async () => {
    const yesterday = new Date(Date.now() - 36 * 60 * 60 * 1000);
    await db.update(servicePoints).set({ postersPrintedAt: yesterday }).where(eq(servicePoints.id, a.pointId));
    await get(`/office/posters?organisation=${a.organisationId}`, 'admin');
    expect((await printedAt(a.pointId))!.getTime()).toBeGreaterThan(yesterday.getTime());
    const after = await auditRows(a.pointId);
    expect(after).toHaveLength(2);
    expect(after.map((row) => row.changes)).toContainEqual(expect.objectContaining({ postersPrintedAt: [yesterday.toISOString(), expect.any(String)] }));
  });

  it('is not made when no file could be produced', async () => {
    await db.update(servicePoints).set({ postersPrintedAt: null }).where(eq(servicePoints.id, a.pointId));
    expect((await get(`/office/points/${a.code}/poster.pdf`, 'officerA')).statusCode).toBe(503);
    expect(await printedAt(a.pointId)).toBeNull();
  });
});
