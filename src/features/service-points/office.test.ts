import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/passwords.js';
import { createSealer } from '../../auth/seal.js';
import { passSecondFactor } from '../../../test/support/office-actors.js';
import { rows } from '../../db/client.js';
import { auditLog, hoursExceptions, photos, roleGrants, servicePoints, users } from '../../db/schema.js';
import { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { hasGpsBlock, jpegWithGps } from '../../../test/support/images.js';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, ensureDemoAccounts } from '../accounts/demo.js';
import { searchPoints } from '../search/queries.js';
import { readDistricts } from '../geography/reference.js';

let t: TestApp;
const db = () => t.database.db;

interface PointRef {
  id: number;
  code: string;
  organisationId: number;
  districtCode: string;
}

/** Officer A's point (the demo TAO in Chiang Mai), B's (another Chiang Mai TAO), and one in Bangkok. */
let pointA: PointRef;
let pointB: PointRef;
let pointBangkok: PointRef;
let officerA: Agent;
let officerB: Agent;
let supervisorIn: Agent;
let supervisorOut: Agent;
let admin: Agent;

const demo = (role: 'officer' | 'supervisor' | 'admin') => DEMO_ACCOUNTS.find((a) => a.role === role)!;

async function pointOf(where: ReturnType<typeof sql>): Promise<PointRef> {
  const [point] = await rows<PointRef>(
    db(),
    sql`select p.id, p.code, p.organisation_id as "organisationId", p.district_code as "districtCode"
        from service_points p join organisations o on o.id = p.organisation_id where ${where} order by p.id limit 1`,
  );
  if (!point) throw new Error('no such point in the seed');
  return point;
}

async function signIn(email: string, password: string, totp: boolean): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.get('/office/sign-in');
  expect((await agent.post('/office/sign-in', { email, password })).statusCode).toBe(303);
  if (totp) {
    await passSecondFactor(agent);
  }
  return agent;
}

async function makeUser(email: string, grant: { role: 'officer' | 'supervisor'; organisationId?: number; provinceCode?: string }, organisationId: number): Promise<void> {
  const sealer = createSealer(t.config.piiKey, 'totp');
  const [user] = await db()
    .insert(users)
    .values({
      email,
      passwordHash: await hashPassword('a long test password'),
      firstName: 'ทดสอบ',
      lastName: grant.role,
      organisationId,
      status: 'approved',
      emailVerifiedAt: new Date(),
      totpSecret: grant.role === 'supervisor' ? sealer.seal(DEMO_TOTP_SECRET) : null,
    })
    .returning({ id: users.id });
  await db().insert(roleGrants).values({ userId: user!.id, ...grant });
}

/** Reads a page and keeps its CSRF token for the next post. */
const read = (agent: Agent, url: string) => agent.get(url);

/** A multipart form post as a browser sends it; `_csrf` first, from the agent's last page. */
async function upload(agent: Agent, url: string, fields: Record<string, string>, file: { data: Buffer; name: string; type: string } | null, csrf: string | null = agent.csrf) {
  const boundary = `----test${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const all = csrf === null ? fields : { _csrf: csrf, ...fields };
  for (const [name, value] of Object.entries(all)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = ['ci_session', 'ci_csrf']
    .map((name) => [name, agent.cookie(name)])
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

const pointRow = async (id: number) => (await db().select().from(servicePoints).where(eq(servicePoints.id, id)))[0]!;
const auditCount = async (pointId: number) => (await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where point_id = ${pointId}`))[0]!.n;

/** The details form of a point as the page would post it back. */
async function detailsForm(point: PointRef): Promise<Record<string, string>> {
  const row = await pointRow(point.id);
  return {
    name_th: row.nameTh,
    name_en: row.nameEn ?? '',
    address_th: row.addressTh ?? '',
    address_en: row.addressEn ?? '',
    province: row.provinceCode,
    district: row.districtCode,
    subdistrict: row.subdistrictCode ?? '',
    postal_code: row.postalCode ?? '',
    phones: row.phones.join('\n'),
    website: row.website ?? '',
    email: row.email ?? '',
    action: 'save',
  };
}

const emptyNewForm = (): Record<string, string> => ({
  organisation_id: '',
  organisation_query: '',
  name_th: '',
  name_en: '',
  address_th: '',
  address_en: '',
  province: '',
  district: '',
  subdistrict: '',
  postal_code: '',
  phones: '',
  website: '',
  email: '',
  location: '',
});

beforeAll(async () => {
  t = await createTestApp();
  await ensureDemoAccounts(db(), t.config.piiKey);
  pointA = await pointOf(sql`o.name_th = 'องค์การบริหารส่วนตำบลโป่งแยง' and o.province_code = '50'`);
  pointB = await pointOf(sql`o.kind = 'tao' and o.province_code = '50' and o.id <> ${pointA.organisationId}`);
  pointBangkok = await pointOf(sql`o.province_code = '10' and o.kind = 'bangkok_district_office'`);
  await makeUser('officer-b@test.go.th', { role: 'officer', organisationId: pointB.organisationId }, pointB.organisationId);
  await makeUser('supervisor-bkk@test.go.th', { role: 'supervisor', provinceCode: '10' }, pointBangkok.organisationId);
  officerA = await signIn(demo('officer').email, demo('officer').password, false);
  officerB = await signIn('officer-b@test.go.th', 'a long test password', false);
  supervisorIn = await signIn(demo('supervisor').email, demo('supervisor').password, true);
  supervisorOut = await signIn('supervisor-bkk@test.go.th', 'a long test password', true);
  admin = await signIn(demo('admin').email, demo('admin').password, true);
});
afterAll(() => t.close());

describe('the list of points', () => {
  it('shows an officer its own organisation’s points with their state, and nothing of others', async () => {
    const page = await read(officerA, '/office/points');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/office/points/${pointA.code}"`);
    expect(page.body).not.toContain(`/office/points/${pointB.code}"`);
    expect(page.body).toContain('เพิ่มจุดบริการ');
    expect(page.body).toMatch(/มีเวลาทำการ|ยังไม่กรอกเวลาทำการ/);
    expect(page.body).toMatch(/คู่มือ \d+ รายการ/);
    expect(page.body).toMatch(/พิมพ์โปสเตอร์|ยังไม่พิมพ์โปสเตอร์/);
    expect(page.body).toMatch(/หมุด(ตรวจสอบแล้ว|ยังไม่ตรวจสอบ|มีข้อสังเกต)/);
  });

  it('shows a supervisor the points of its province, read-only, and none elsewhere', async () => {
    const page = await read(supervisorIn, `/office/points?q=${pointB.code}`);
    expect(page.body).toContain(`/office/points/${pointB.code}"`);
    expect(page.body).not.toContain('href="/office/points/new"');
    const bangkok = await read(supervisorIn, `/office/points?q=${pointBangkok.code}`);
    expect(bangkok.body).toContain('พบ 0 จุด');
    const all = await rows<{ n: number }>(db(), sql`select count(*)::int as n from service_points p join organisations o on o.id = p.organisation_id where o.province_code = '50'`);
    expect((await read(supervisorIn, '/office/points')).body).toContain(`พบ ${all[0]!.n.toLocaleString('th-TH')} จุด`);
  });

  it('filters and pages, and refuses nonsense parameters', async () => {
    expect((await read(admin, '/office/points?page=2')).statusCode).toBe(200);
    expect((await read(admin, '/office/points?page=100000')).statusCode).toBe(400);
    expect((await read(officerA, '/office/points?page=50')).statusCode).toBe(404);
    expect((await read(officerA, '/office/points?status=gone')).statusCode).toBe(400);
    expect((await read(officerA, `/office/points?q=${'ก'.repeat(300)}`)).statusCode).toBe(400);
    const english = await read(officerA, '/en/office/points?status=closed');
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Service points');
  });
});

describe('who may read and change which point (role matrix)', () => {
  let photoOfB: number;

  beforeAll(async () => {
    await read(admin, `/office/points/${pointB.code}/photos`);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
    expect((await upload(admin, `/office/points/${pointB.code}/photos`, { alt_th: 'ภาพของ B', alt_en: '' }, { data: png, name: 'b.png', type: 'image/png' })).statusCode).toBe(303);
    photoOfB = (await db().select({ id: photos.id }).from(photos).where(eq(photos.pointId, pointB.id)).orderBy(desc(photos.id)))[0]!.id;
  });

  const pages = (code: string) => [`/office/points/${code}`, `/office/points/${code}/pin`, `/office/points/${code}/hours`, `/office/points/${code}/photos`, `/office/points/${code}/history`];

  it('lets no one outside the organisation or area read a point, its history or photos by any URL', async () => {
    for (const [agent, code] of [
      [officerA, pointB.code],
      [officerB, pointA.code],
      [supervisorOut, pointA.code],
      [supervisorOut, pointB.code],
    ] as const) {
      for (const url of [...pages(code), `/en${pages(code)[0]}`]) expect([url, (await read(agent, url)).statusCode]).toEqual([url, 404]);
    }
    expect((await read(officerA, `/office/points/${pointB.code}/photos/${photoOfB}/image`)).statusCode).toBe(404);
    // B's photo through A's point: not A's photo.
    expect((await read(officerA, `/office/points/${pointA.code}/photos/${photoOfB}/image`)).statusCode).toBe(404);
  });

  it('lets no one outside change a point by any URL, and changes nothing', async () => {
    const before = await pointRow(pointB.id);
    const auditBefore = await auditCount(pointB.id);
    await read(officerA, '/office/points');
    const code = pointB.code;
    const posts: [string, Record<string, string>][] = [
      [`/office/points/${code}`, await detailsForm(pointB)],
      [`/office/points/${code}/pin`, { location: '18.9, 98.9' }],
      [`/office/points/${code}/hours`, { d1_from1: '08:00', d1_to1: '12:00' }],
      [`/office/points/${code}/hours/exceptions`, { date: '2099-01-01', kind: 'closed' }],
      [`/office/points/${code}/hours/exceptions/2099-01-01/delete`, {}],
      [`/office/points/${code}/status`, { status: 'closed' }],
      [`/office/points/${code}/verification`, { verification: 'verified', reason: '' }],
      [`/office/points/${code}/photos/${photoOfB}`, { alt_th: 'เปลี่ยน', alt_en: '' }],
      [`/office/points/${code}/photos/${photoOfB}/move`, { direction: 'up' }],
      [`/office/points/${code}/photos/${photoOfB}/delete`, {}],
      // B's photo addressed through A's own point
      [`/office/points/${pointA.code}/photos/${photoOfB}/delete`, {}],
    ];
    for (const [url, form] of posts) expect([url, (await officerA.post(url, form)).statusCode]).toEqual([url, 404]);
    await read(supervisorOut, '/office/points');
    for (const [url, form] of posts.slice(0, 7)) expect([url, (await supervisorOut.post(url, form)).statusCode]).toEqual([url, 404]);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    expect((await upload(officerA, `/office/points/${code}/photos`, { alt_th: 'x' }, { data: png, name: 'x.png', type: 'image/png' })).statusCode).toBe(404);
    expect(await pointRow(pointB.id)).toEqual(before);
    expect(await auditCount(pointB.id)).toBe(auditBefore);
    expect(await db().select().from(photos).where(eq(photos.id, photoOfB))).toHaveLength(1);
  });

  it('lets a supervisor in the area read every page without forms, refuses its edits with 403, and lets it verify', async () => {
    for (const url of pages(pointA.code)) {
      const page = await read(supervisorIn, url);
      expect([url, page.statusCode]).toEqual([url, 200]);
      expect(page.body).toContain('ดูข้อมูลนี้ได้อย่างเดียว');
    }
    const pin = await read(supervisorIn, `/office/points/${pointA.code}/pin`);
    expect(pin.body).not.toContain(`action="/office/points/${pointA.code}/pin"`);
    expect(pin.body).toContain('data-readonly');
    expect(pin.body).toContain(`action="/office/points/${pointA.code}/verification"`);
    const before = await pointRow(pointA.id);
    for (const [url, form] of [
      [`/office/points/${pointA.code}`, await detailsForm(pointA)],
      [`/office/points/${pointA.code}/pin`, { location: '18.9, 98.9' }],
      [`/office/points/${pointA.code}/hours`, { d1_from1: '08:00', d1_to1: '12:00' }],
      [`/office/points/${pointA.code}/status`, { status: 'closed' }],
    ] as const) {
      expect([url, (await supervisorIn.post(url, form)).statusCode]).toEqual([url, 403]);
    }
    expect(await pointRow(pointA.id)).toEqual(before);
    for (const [url, form] of [
      [`/office/points/${pointB.code}/photos/${photoOfB}`, { alt_th: 'เปลี่ยน', alt_en: '' }],
      [`/office/points/${pointB.code}/photos/${photoOfB}/move`, { direction: 'down' }],
      [`/office/points/${pointB.code}/photos/${photoOfB}/delete`, {}],
      [`/office/points/${pointB.code}/hours/exceptions`, { date: '2099-01-01', kind: 'closed' }],
    ] as const) {
      expect([url, (await supervisorIn.post(url, form)).statusCode]).toEqual([url, 403]);
    }
    expect((await db().select().from(photos).where(eq(photos.id, photoOfB)))[0]?.altTh).toBe('ภาพของ B');
    expect((await read(supervisorIn, `/office/points/${pointB.code}/photos/${photoOfB}/image`)).statusCode).toBe(200);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    await read(supervisorIn, `/office/points/${pointA.code}/photos`);
    expect((await upload(supervisorIn, `/office/points/${pointA.code}/photos`, { alt_th: 'x' }, { data: png, name: 'x.png', type: 'image/png' })).statusCode).toBe(403);

    await read(supervisorIn, `/office/points/${pointA.code}/pin`);
    const flagged = await supervisorIn.post(`/office/points/${pointA.code}/verification`, { verification: 'flagged', reason: '' });
    expect(flagged.statusCode).toBe(400);
    expect(flagged.body).toContain('กรุณาบอกเหตุผลที่ตั้งข้อสังเกต');
    const ok = await supervisorIn.post(`/office/points/${pointA.code}/verification`, { verification: 'flagged', reason: 'หมุดอยู่กลางทุ่งนา ไม่ใช่ที่ทำการ' });
    expect(ok.statusCode).toBe(303);
    expect((await pointRow(pointA.id)).verification).toBe('flagged');
    const after = await read(supervisorIn, `/office/points/${pointA.code}/pin?done=verification`);
    expect(after.body).toContain('หมุดอยู่กลางทุ่งนา ไม่ใช่ที่ทำการ');
    expect(after.body).toContain('บันทึกผลการตรวจสอบแล้ว');
  });

  it('does not let an officer verify its own pins', async () => {
    const page = await read(officerA, `/office/points/${pointA.code}/pin`);
    expect(page.body).not.toContain('/verification"');
    expect((await officerA.post(`/office/points/${pointA.code}/verification`, { verification: 'verified', reason: '' })).statusCode).toBe(403);
  });

  it('lets an admin read and change any point', async () => {
    for (const url of pages(pointBangkok.code)) expect([url, (await read(admin, url)).statusCode]).toEqual([url, 200]);
    await read(admin, `/office/points/${pointBangkok.code}`);
    const form = await detailsForm(pointBangkok);
    expect((await admin.post(`/office/points/${pointBangkok.code}`, { ...form, name_en: 'Renamed by the admin' })).statusCode).toBe(303);
    expect((await pointRow(pointBangkok.id)).nameEn).toBe('Renamed by the admin');
  });

  it('sends visitors without a session to sign in and refuses posts without a CSRF token', async () => {
    const anonymous = await t.app.inject(`/office/points/${pointA.code}`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/office/sign-in');
    await read(officerA, `/office/points/${pointA.code}`);
    expect((await officerA.post(`/office/points/${pointA.code}/status`, { status: 'closed' }, { csrf: null })).statusCode).toBe(403);
    expect((await pointRow(pointA.id)).status).toBe('active');
  });
});

describe('editing details', () => {
  it('saves a change with its audit row and keeps search_text up to date', async () => {
    await read(officerA, `/office/points/${pointA.code}`);
    const form = await detailsForm(pointA);
    const response = await officerA.post(`/office/points/${pointA.code}`, {
      ...form,
      name_th: 'ที่ทำการ อบต.โป่งแยง (อาคารใหม่)',
      phones: '053-123-456\n081 234 5678',
      website: 'www.pongyaeng.go.th',
      email: 'Saraban@PongYaeng.go.th',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/office/points/${pointA.code}?done=saved`);
    const row = await pointRow(pointA.id);
    expect(row.nameTh).toBe('ที่ทำการ อบต.โป่งแยง (อาคารใหม่)');
    expect(row.phones).toEqual(['0 5312 3456', '081 234 5678']);
    expect(row.website).toBe('https://www.pongyaeng.go.th/');
    expect(row.email).toBe('saraban@pongyaeng.go.th');
    expect(row.searchText).toContain('อาคารใหม่');
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.pointId, pointA.id)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.action).toBe('service_point.update');
    expect((entry?.changes as Record<string, unknown>).nameTh).toEqual([form.name_th, 'ที่ทำการ อบต.โป่งแยง (อาคารใหม่)']);
    const page = await read(officerA, `/office/points/${pointA.code}?done=saved`);
    expect(page.body).toContain('บันทึกแล้ว');
    const history = await read(officerA, `/office/points/${pointA.code}/history`);
    expect(history.body).toContain('แก้ไขข้อมูล');
    expect(history.body).toContain('อาคารใหม่');
  });

  it('lists the districts of the chosen province when asked to refresh, keeping what was typed', async () => {
    await read(officerA, `/office/points/${pointA.code}`);
    const form = await detailsForm(pointA);
    const refreshed = await officerA.post(`/office/points/${pointA.code}`, { ...form, name_th: 'ยังไม่บันทึก', province: '10', action: 'refresh' });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.body).toContain('value="ยังไม่บันทึก"');
    expect(refreshed.body).toContain('>พระนคร</option>');
    expect((await pointRow(pointA.id)).nameTh).not.toBe('ยังไม่บันทึก');
    const subdistricts = await read(officerA, `/office/geography/subdistricts.json?district=${pointA.districtCode}`);
    expect(subdistricts.json().items.length).toBeGreaterThan(3);
    expect((await read(officerA, '/office/geography/districts.json?province=5')).statusCode).toBe(400);
  });

  it('answers every kind of bad input with 400, the form again, and nothing saved', async () => {
    await read(officerA, `/office/points/${pointA.code}`);
    const form = await detailsForm(pointA);
    const before = await pointRow(pointA.id);
    const auditBefore = await auditCount(pointA.id);
    const otherProvinceDistrict = readDistricts().find((d) => d.province_code === '10')!.code;
    const cases: [Record<string, string>, string][] = [
      [{ ...form, name_th: '' }, 'กรุณากรอกช่องนี้'],
      [{ ...form, name_th: 'ก'.repeat(5000) }, 'ยาวเกิน 200 ตัวอักษร'],
      [{ ...form, name_en: "x'); drop table service_points; --".repeat(20) }, 'ยาวเกิน 200 ตัวอักษร'],
      [{ ...form, district: otherProvinceDistrict }, 'กรุณาเลือกอำเภอ/เขตในจังหวัดที่เลือก'],
      [{ ...form, subdistrict: '100101' }, 'ตำบล/แขวงที่เลือกไม่อยู่ในอำเภอ/เขตนี้'],
      [{ ...form, province: '99' }, 'กรุณาเลือกจังหวัด'],
      [{ ...form, province: 'xx' }, 'รูปแบบไม่ถูกต้อง'],
      [{ ...form, postal_code: '5018' }, 'รูปแบบไม่ถูกต้อง'],
      [{ ...form, phones: '02 123 4567\n12345' }, '“12345” ไม่ใช่หมายเลขโทรศัพท์ไทย'],
      [{ ...form, website: 'javascript:alert(1)' }, 'เว็บไซต์ต้องเป็นที่อยู่ที่ขึ้นต้นด้วย http://'],
      [{ ...form, email: 'not-an-email' }, 'รูปแบบอีเมลไม่ถูกต้อง'],
      [{ ...form, email: 'a@b.c'.repeat(100) }, 'ยาวเกิน 254 ตัวอักษร'],
    ];
    for (const [body, message] of cases) {
      const response = await officerA.post(`/office/points/${pointA.code}`, body);
      expect([message, response.statusCode]).toEqual([message, 400]);
      expect(response.body).toContain(message);
    }
    // Wrong types in a JSON body.
    const json = await t.app.inject({
      method: 'POST',
      url: `/office/points/${pointA.code}`,
      headers: { cookie: `ci_session=${officerA.cookie('ci_session')}; ci_csrf=${officerA.cookie('ci_csrf')}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...form, _csrf: officerA.csrf, name_th: { $ne: 1 }, phones: ['a', 'b'], province: 50 }),
    });
    expect(json.statusCode).toBe(400);
    expect(await pointRow(pointA.id)).toEqual(before);
    expect(await auditCount(pointA.id)).toBe(auditBefore);
  });

  it('gives a form shown again with its errors a CSRF token, so the corrected form saves', async () => {
    await read(officerA, `/office/points/${pointA.code}`);
    const form = await detailsForm(pointA);
    const token = officerA.csrf;
    officerA.csrf = null;
    const refused = await officerA.post(`/office/points/${pointA.code}`, { ...form, name_th: '' }, { csrf: token });
    expect(refused.statusCode).toBe(400);
    expect(officerA.csrf).toMatch(/.+/);
    const saved = await officerA.post(`/office/points/${pointA.code}`, form);
    expect(saved.statusCode).toBe(303);
  });

  it('answers unknown codes with 404 and malformed ones with 400', async () => {
    expect((await read(officerA, '/office/points/ZZZZZZ')).statusCode).toBe(404);
    expect((await read(officerA, '/office/points/abc')).statusCode).toBe(400);
    expect((await read(officerA, `/office/points/${"A' OR 1=1"}`)).statusCode).toBe(400);
  });
});

describe('creating and closing a point', () => {
  let code: string;

  it('creates a point for the officer’s organisation, at the area’s centre until it is pinned', async () => {
    const form = await read(officerA, '/office/points/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('องค์การบริหารส่วนตำบลโป่งแยง');
    const area = await pointRow(pointA.id);
    const response = await officerA.post('/office/points/new', {
      organisation_id: String(pointA.organisationId),
      name_th: 'หน่วยบริการเคลื่อนที่ ตลาดนัดโป่งแยง',
      name_en: '',
      address_th: 'ตลาดนัดหน้าวัด',
      address_en: '',
      province: area.provinceCode,
      district: area.districtCode,
      subdistrict: area.subdistrictCode ?? '',
      postal_code: '',
      phones: '1111',
      website: '',
      email: '',
      location: '',
      action: 'save',
    });
    expect(response.statusCode).toBe(303);
    code = /\/office\/points\/([A-Z0-9]{6})\/pin\?done=created/.exec(response.headers.location as string)![1]!;
    const [row] = await db().select().from(servicePoints).where(eq(servicePoints.code, code));
    expect(row).toMatchObject({ organisationId: pointA.organisationId, pinMethod: 'centroid', verification: 'unverified', status: 'active', phones: ['1111'] });
    expect(row!.postalCode).toMatch(/^\d{5}$/);
    expect(row!.searchText).toContain('ตลาดนัดโป่งแยง');
    expect(Object.values(row!.hours).flat()).toEqual([]);
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.pointId, row!.id), eq(auditLog.action, 'service_point.create')));
    expect(entry).toBeDefined();
    const pin = await read(officerA, response.headers.location as string);
    expect(pin.body).toContain('เพิ่มจุดบริการแล้ว');
    const list = await read(officerA, '/office/points?q=ตลาดนัด');
    expect(list.body).toContain('ยังไม่กรอกเวลาทำการ');
    expect(list.body).toContain('ตำแหน่งโดยประมาณ');
    expect((await searchPoints(db(), { q: code, page: 1, pageSize: 10 })).items.map((p) => p.code)).toContain(code);
  });

  it('refuses to create a point for someone else’s organisation, at 0,0, or with swapped coordinates', async () => {
    await read(officerA, '/office/points/new');
    const area = await pointRow(pointA.id);
    const base = { name_th: 'จุดทดสอบ', name_en: '', address_th: '', address_en: '', province: area.provinceCode, district: area.districtCode, subdistrict: '', postal_code: '', phones: '', website: '', email: '', action: 'save' };
    const count = async () => (await rows<{ n: number }>(db(), sql`select count(*)::int as n from service_points`))[0]!.n;
    const before = await count();
    const foreign = await officerA.post('/office/points/new', { ...base, organisation_id: String(pointB.organisationId), location: '' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('กรุณาเลือกหน่วยงานที่เป็นเจ้าของจุดบริการ');
    const zero = await officerA.post('/office/points/new', { ...base, organisation_id: String(pointA.organisationId), location: '0, 0' });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('พิกัด 0, 0');
    const swapped = await officerA.post('/office/points/new', { ...base, organisation_id: String(pointA.organisationId), location: '98.95, 18.85' });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.body).toContain('สลับละติจูดกับลองจิจูด');
    expect(await count()).toBe(before);
    expect((await read(supervisorIn, '/office/points/new')).statusCode).toBe(403);
  });

  it('lets an admin find any organisation without JavaScript and add a point to it', async () => {
    const page = await read(admin, '/office/points/new');
    expect(page.body).toContain('name="organisation_query"');
    const [org] = await rows<{ id: number; nameTh: string }>(db(), sql`select id, name_th as "nameTh" from organisations where id = ${pointBangkok.organisationId}`);
    const found = await admin.post('/office/points/new', { ...emptyNewForm(), organisation_query: org!.nameTh, action: 'find' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`name="organisation_id" value="${org!.id}"`);
    const area = await pointRow(pointBangkok.id);
    const created = await admin.post('/office/points/new', {
      ...emptyNewForm(),
      organisation_query: org!.nameTh,
      organisation_id: String(org!.id),
      name_th: 'จุดบริการด่วน สถานีรถไฟฟ้า',
      province: area.provinceCode,
      district: area.districtCode,
      location: `https://www.google.com/maps/@${area.lat},${area.lng},17z`,
      action: 'save',
    });
    expect(created.statusCode).toBe(303);
    const newCode = /\/office\/points\/([A-Z0-9]{6})\//.exec(created.headers.location as string)![1]!;
    expect((await db().select().from(servicePoints).where(eq(servicePoints.code, newCode)))[0]).toMatchObject({ organisationId: org!.id, pinMethod: 'link', pinnedBy: expect.any(Number) });
  });

  it('closes a point: it leaves public search; reopening brings it back', async () => {
    await read(officerA, `/office/points/${code}`);
    expect((await officerA.post(`/office/points/${code}/status`, { status: 'closed' })).statusCode).toBe(303);
    expect((await searchPoints(db(), { q: code, page: 1, pageSize: 10 })).items.map((p) => p.code)).not.toContain(code);
    const page = await read(officerA, `/office/points/${code}?done=closed`);
    expect(page.body).toContain('จุดบริการนี้ปิดแล้ว');
    expect((await t.app.inject(`/p/${code}`)).body).toContain('จุดบริการนี้ปิดให้บริการแล้ว');
    expect(page.body).toContain('เปิดจุดบริการนี้อีกครั้ง');
    expect((await officerA.post(`/office/points/${code}/status`, { status: 'active' })).statusCode).toBe(303);
    expect((await searchPoints(db(), { q: code, page: 1, pageSize: 10 })).items.map((p) => p.code)).toContain(code);
    expect((await officerA.post(`/office/points/${code}/status`, { status: 'deleted' })).statusCode).toBe(400);
  });
});

describe('pinning', () => {
  it('saves a typed position, a pasted link and a GPS fix with how, when and by whom', async () => {
    await read(officerA, `/office/points/${pointA.code}/pin`);
    const typed = await officerA.post(`/office/points/${pointA.code}/pin`, { location: `18°54'04.3"N 98°53'34.6"E`, method: 'typed', accuracy: '' });
    expect(typed.statusCode).toBe(303);
    let row = await pointRow(pointA.id);
    expect(row).toMatchObject({ pinMethod: 'typed', pinAccuracyM: null, pinnedBy: expect.any(Number), verification: 'unverified' });
    expect(row.lat).toBeCloseTo(18.901194, 5);

    await read(officerA, `/office/points/${pointA.code}/pin`);
    await officerA.post(`/office/points/${pointA.code}/pin`, { location: 'https://www.openstreetmap.org/?mlat=18.9012&mlon=98.8931#map=17/18.9/98.89', method: 'typed' });
    expect((await pointRow(pointA.id)).pinMethod).toBe('link');

    await read(officerA, `/office/points/${pointA.code}/pin`);
    await officerA.post(`/office/points/${pointA.code}/pin`, { location: '18.901250, 98.893100', method: 'gps', accuracy: '12.5' });
    row = await pointRow(pointA.id);
    expect(row).toMatchObject({ pinMethod: 'gps', pinAccuracyM: 12.5, lat: 18.90125, lng: 98.8931 });
    const page = await read(officerA, `/office/points/${pointA.code}/pin?done=pin`);
    expect(page.body).toContain('บันทึกตำแหน่งแล้ว');
    expect(page.body).toContain('±13 เมตร');
    expect(page.body).toContain('สมหญิง ใจดี');
    const history = await read(officerA, `/office/points/${pointA.code}/history`);
    expect(history.body).toContain('ย้ายหมุด');
  });

  it('refuses 0,0, swapped, foreign and unreadable positions and short links, saying why', async () => {
    await read(officerA, `/office/points/${pointA.code}/pin`);
    const before = await pointRow(pointA.id);
    for (const [location, message] of <[string, string][]>[
      ['0,0', 'พิกัด 0, 0'],
      ['98.8931, 18.90125', 'สลับละติจูดกับลองจิจูด'],
      ['51.5074, -0.1278', 'อยู่นอกประเทศไทย'],
      ['https://maps.app.goo.gl/abcdefghijk', 'ลิงก์แบบย่อ'],
      ['somewhere near the market', 'อ่านพิกัดไม่ได้'],
      ['', 'กรุณาใส่พิกัดหรือวางลิงก์แผนที่'],
    ]) {
      const response = await officerA.post(`/office/points/${pointA.code}/pin`, { location, method: 'typed' });
      expect([location, response.statusCode]).toEqual([location, 400]);
      expect(response.body).toContain(message);
    }
    const english = await read(officerA, `/en/office/points/${pointA.code}/pin`);
    expect(english.statusCode).toBe(200);
    const swapped = await officerA.post(`/en/office/points/${pointA.code}/pin`, { location: '98.8931, 18.90125' });
    expect(swapped.body).toContain('Did you mean 18.901250, 98.893100?');
    expect((await officerA.post(`/office/points/${pointA.code}/pin`, { location: '18.9, 98.9', method: 'satellite' })).statusCode).toBe(400);
    expect((await officerA.post(`/office/points/${pointA.code}/pin`, { location: '18.9, 98.9', method: 'gps', accuracy: '-5' })).statusCode).toBe(400);
    expect((await officerA.post(`/office/points/${pointA.code}/pin`, { location: '1'.repeat(5000) })).statusCode).toBe(400);
    expect(await pointRow(pointA.id)).toEqual(before);
  });

  it('warns, but saves, when the pin is outside the declared district', async () => {
    const district = readDistricts().find((d) => d.code === pointA.districtCode)!;
    const elsewhere = readDistricts().find((d) => d.province_code === '50' && d.code !== pointA.districtCode)!;
    await read(officerA, `/office/points/${pointA.code}/pin`);
    expect((await officerA.post(`/office/points/${pointA.code}/pin`, { location: `${elsewhere.lat}, ${elsewhere.lon}` })).statusCode).toBe(303);
    const page = await read(officerA, `/office/points/${pointA.code}/pin`);
    expect(page.body).toContain(`หมุดอยู่นอกเขต${district.name_th}ที่ระบุไว้ (อยู่ในเขต${elsewhere.name_th})`);
    const check = await read(officerA, `/en/office/points/district-check.json?lat=${elsewhere.lat}&lng=${elsewhere.lon}&district=${district.code}`);
    expect(check.json()).toEqual({ inside: false, warning: expect.stringContaining(`(it lies in ${elsewhere.name_en})`) });
    expect((await read(officerA, `/office/points/district-check.json?lat=${district.lat}&lng=${district.lon}&district=${district.code}`)).json()).toEqual({ inside: true, warning: null });
    expect((await read(officerA, `/office/points/district-check.json?lat=abc&lng=1&district=${district.code}`)).statusCode).toBe(400);
    await read(officerA, `/office/points/${pointA.code}/pin`);
    await officerA.post(`/office/points/${pointA.code}/pin`, { location: `${district.lat}, ${district.lon}` });
    expect((await read(officerA, `/office/points/${pointA.code}/pin`)).body).not.toContain('หมุดอยู่นอกเขต');
  });
});

describe('hours', () => {
  it('saves split shifts, copies Monday to the weekdays without JavaScript, and keeps the holiday choice', async () => {
    await read(officerA, `/office/points/${pointA.code}/hours`);
    const response = await officerA.post(`/office/points/${pointA.code}/hours`, {
      d1_from1: '08:30',
      d1_to1: '12:00',
      d1_from2: '13:00',
      d1_to2: '16:30',
      d6_from1: '09:00',
      d6_to1: '12:00',
      d0_closed: 'on',
      copy_monday: 'on',
    });
    expect(response.statusCode).toBe(303);
    const row = await pointRow(pointA.id);
    expect(row.hours['5']).toEqual([
      ['08:30', '12:00'],
      ['13:00', '16:30'],
    ]);
    expect(row.hours['6']).toEqual([['09:00', '12:00']]);
    expect(row.hours['0']).toEqual([]);
    expect(row.closedOnHolidays).toBe(false);
    // The public side reads the same hours.
    const published = (await t.app.inject(`/api/v1/service-points/${pointA.code}`)).json();
    expect(published.hours).toMatchObject({ weekly: row.hours, closedOnHolidays: false });
    const page = await read(officerA, `/office/points/${pointA.code}/hours?done=hours`);
    expect(page.body).toContain('บันทึกเวลาทำการแล้ว');
    expect(page.body).toMatch(/name="d5_from2"[^>]*value="13:00"/);
  });

  it('refuses overlapping, reversed and malformed hours with Thai and English messages', async () => {
    await read(officerA, `/office/points/${pointA.code}/hours`);
    const before = await pointRow(pointA.id);
    const overlap = await officerA.post(`/office/points/${pointA.code}/hours`, { d1_from1: '08:30', d1_to1: '12:00', d1_from2: '11:00', d1_to2: '16:30', closed_on_holidays: 'on' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.body).toContain('วันจันทร์ ช่วงที่ 2: ช่วงเวลา 11:00–16:30 ซ้อนกับ 08:30–12:00');
    const english = await officerA.post(`/en/office/points/${pointA.code}/hours`, { d2_from1: '17:00', d2_to1: '08:00' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Tuesday, period 1: the opening time must be before the closing time');
    expect((await officerA.post(`/office/points/${pointA.code}/hours`, { d1_from1: 'x'.repeat(100) })).statusCode).toBe(400);
    expect((await officerA.post(`/office/points/${pointA.code}/hours`, { d1_closed: 'x'.repeat(50) })).statusCode).toBe(400);
    expect(await pointRow(pointA.id)).toEqual(before);
  });

  it('adds and deletes date exceptions, and refuses bad ones', async () => {
    const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await read(officerA, `/office/points/${pointA.code}/hours`);
    expect((await officerA.post(`/office/points/${pointA.code}/hours/exceptions`, { date, kind: 'hours', from1: '09:00', to1: '12:00', note_th: 'เปิดครึ่งวัน', note_en: 'Half day' })).statusCode).toBe(303);
    const [stored] = await db().select().from(hoursExceptions).where(and(eq(hoursExceptions.pointId, pointA.id), eq(hoursExceptions.date, date)));
    expect(stored).toMatchObject({ intervals: [['09:00', '12:00']], noteTh: 'เปิดครึ่งวัน' });
    const page = await read(officerA, `/office/points/${pointA.code}/hours`);
    expect(page.body).toContain('เปิดครึ่งวัน');
    expect((await t.app.inject(`/api/v1/service-points/${pointA.code}`)).body).toContain(date);
    for (const body of <Record<string, string>[]>[
      { date: '2020-01-01', kind: 'closed' },
      { date: 'tomorrow', kind: 'closed' },
      { date, kind: 'hours' },
      { date, kind: 'open-ish' },
      { date, kind: 'closed', note_th: 'ก'.repeat(1000) },
    ]) {
      expect([body, (await officerA.post(`/office/points/${pointA.code}/hours/exceptions`, body)).statusCode]).toEqual([body, 400]);
    }
    expect((await officerA.post(`/office/points/${pointA.code}/hours/exceptions/${date}/delete`, {})).statusCode).toBe(303);
    expect((await officerA.post(`/office/points/${pointA.code}/hours/exceptions/${date}/delete`, {})).statusCode).toBe(404);
    expect((await officerA.post(`/office/points/${pointA.code}/hours/exceptions/not-a-date/delete`, {})).statusCode).toBe(400);
  });
});

describe('photos', () => {
  const photosOfA = () => db().select().from(photos).where(eq(photos.pointId, pointA.id)).orderBy(photos.position);

  it('takes a JPEG with GPS EXIF, stores a WebP of at most 1600 px without metadata, CSRF read from the multipart body', async () => {
    await read(officerA, `/office/points/${pointA.code}/photos`);
    const jpeg = await jpegWithGps();
    expect(hasGpsBlock((await sharp(jpeg).metadata()).exif)).toBe(true);
    const response = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ทางเข้าด้านหน้า', alt_en: 'Front entrance' }, { data: jpeg, name: 'IMG_0001.JPG', type: 'image/jpeg' });
    expect(response.statusCode).toBe(303);
    const [stored] = (await photosOfA()).slice(-1);
    expect(stored).toMatchObject({ altTh: 'ทางเข้าด้านหน้า', altEn: 'Front entrance', width: 1200, height: 1600 });
    const metadata = await sharp(Buffer.from(stored!.image)).metadata();
    expect(metadata.format).toBe('webp');
    expect(metadata.exif).toBeUndefined();
    const image = await read(officerA, `/office/points/${pointA.code}/photos/${stored!.id}/image`);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(hasGpsBlock((await sharp(image.rawPayload).metadata()).exif)).toBe(false);
    expect((await read(officerA, `/office/points/${pointA.code}/photos?done=photoAdded`)).body).toContain('เพิ่มภาพแล้ว');
  });

  it('refuses a multipart upload without its CSRF token', async () => {
    const count = (await photosOfA()).length;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const response = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ' }, { data: png, name: 'a.png', type: 'image/png' }, null);
    expect(response.statusCode).toBe(403);
    const wrong = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ' }, { data: png, name: 'a.png', type: 'image/png' }, 'forged-token');
    expect(wrong.statusCode).toBe(403);
    expect((await photosOfA()).length).toBe(count);
  });

  it('refuses a script named .png (415), a file over 8 MB (413), no file or no Thai description (400), keeping nothing', async () => {
    await read(officerA, `/office/points/${pointA.code}/photos`);
    const count = (await photosOfA()).length;
    const auditBefore = await auditCount(pointA.id);
    const script = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ' }, { data: Buffer.from('<?php system($_GET["c"]); ?>'), name: 'photo.png', type: 'image/png' });
    expect(script.statusCode).toBe(415);
    expect(script.body).toContain('ไม่ใช่ภาพ JPEG, PNG หรือ WebP');
    const big = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ' }, { data: Buffer.alloc(9 * 1024 * 1024, 1), name: 'big.jpg', type: 'image/jpeg' });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('ไฟล์ภาพใหญ่เกิน 8 MB');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const noAlt = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: '   ' }, { data: png, name: 'a.png', type: 'image/png' });
    expect(noAlt.statusCode).toBe(400);
    const noFile = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ' }, null);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('กรุณาเลือกไฟล์ภาพ');
    const twoFiles = await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ', photo: 'not a file' }, { data: png, name: 'a.png', type: 'image/png' });
    expect(twoFiles.statusCode).toBeGreaterThanOrEqual(400);
    expect(twoFiles.statusCode).toBeLessThan(500);
    const urlencoded = await officerA.post(`/office/points/${pointA.code}/photos`, { alt_th: 'ภาพ' });
    expect(urlencoded.statusCode).toBe(415);
    const broken = await t.app.inject({
      method: 'POST',
      url: `/office/points/${pointA.code}/photos`,
      headers: { cookie: `ci_session=${officerA.cookie('ci_session')}; ci_csrf=${officerA.cookie('ci_csrf')}`, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="alt_th"\r\n\r\nภาพ',
    });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    expect((await photosOfA()).length).toBe(count);
    expect(await auditCount(pointA.id)).toBe(auditBefore);
  });

  it('reorders, describes and deletes photos, each audited', async () => {
    await read(officerA, `/office/points/${pointA.code}/photos`);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0b4f8a' } }).png().toBuffer();
    expect((await upload(officerA, `/office/points/${pointA.code}/photos`, { alt_th: 'ป้ายหน้าสำนักงาน' }, { data: png, name: 'sign.png', type: 'image/png' })).statusCode).toBe(303);
    const [first, second] = (await photosOfA()).slice(-2);
    await read(officerA, `/office/points/${pointA.code}/photos`);
    expect((await officerA.post(`/office/points/${pointA.code}/photos/${second!.id}/move`, { direction: 'up' })).statusCode).toBe(303);
    const order = (await photosOfA()).map((p) => p.id);
    expect(order.indexOf(second!.id)).toBeLessThan(order.indexOf(first!.id));
    expect((await officerA.post(`/office/points/${pointA.code}/photos/${second!.id}/move`, { direction: 'sideways' })).statusCode).toBe(400);
    expect((await officerA.post(`/office/points/${pointA.code}/photos/${second!.id}`, { alt_th: '', alt_en: '' })).statusCode).toBe(400);
    expect((await officerA.post(`/office/points/${pointA.code}/photos/${second!.id}`, { alt_th: 'ป้ายชื่อสำนักงาน', alt_en: 'Office sign' })).statusCode).toBe(303);
    expect((await photosOfA()).find((p) => p.id === second!.id)?.altEn).toBe('Office sign');
    expect((await officerA.post(`/office/points/${pointA.code}/photos/${first!.id}/delete`, {})).statusCode).toBe(303);
    expect((await photosOfA()).map((p) => p.position)).toEqual([...Array((await photosOfA()).length).keys()]);
    expect((await officerA.post(`/office/points/${pointA.code}/photos/${first!.id}/delete`, {})).statusCode).toBe(404);
    const history = await read(officerA, `/office/points/${pointA.code}/history`);
    for (const action of ['เพิ่มภาพ', 'ย้ายลำดับภาพ', 'แก้คำบรรยายภาพ', 'ลบภาพ']) expect(history.body).toContain(action);
  });
});

describe('the audit log of an organisation', () => {
  it('shows an officer its organisation’s changes only, and refuses other organisations', async () => {
    const page = await read(officerA, '/office/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/office/points/${pointA.code}/history`);
    expect(page.body).not.toContain(`/office/points/${pointB.code}/history`);
    expect((await read(officerA, `/office/audit?organisation=${pointB.organisationId}`)).statusCode).toBe(404);
    expect((await read(officerA, `/office/audit?organisation=${pointA.organisationId}`)).statusCode).toBe(200);
    expect((await read(officerA, '/office/audit?before=abc')).statusCode).toBe(400);
    const supervisor = await read(supervisorIn, '/office/audit');
    expect(supervisor.body).toContain(`/office/points/${pointB.code}/history`);
    expect((await read(supervisorOut, '/office/audit')).body).not.toContain(`/office/points/${pointA.code}/history`);
  });
});
