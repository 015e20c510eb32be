import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { complaintEvents, complaintPhotos, complaints, jobs } from '../../db/schema.js';
import { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { hasGpsBlock, jpegWithGps } from '../../../test/support/images.js';
import { openContact } from './contact.js';
import { parseTrackingNumber } from './tracking.js';

let t: TestApp;
let point: { code: string; nameTh: string; organisationId: number };
let organisation: { id: number; nameTh: string };
let address = 10;
/** Each test its own network address, so the hourly complaint limit does not carry over. */
const agent = () => new Agent(t.app, { remoteAddress: `10.1.0.${address++}` });

beforeAll(async () => {
  t = await createTestApp();
  [point] = await rows<typeof point>(
    t.database.db,
    sql`select p.code, p.name_th as "nameTh", p.organisation_id as "organisationId" from service_points p
        join organisations o on o.id = p.organisation_id
        where p.status = 'active' and o.province_code = '50' order by p.code limit 1`,
  ) as [typeof point];
  [organisation] = await rows<typeof organisation>(t.database.db, sql`select id, name_th as "nameTh" from organisations where kind = 'tao' order by code limit 1`) as [typeof organisation];
});
afterAll(() => t.close());

async function solvedCaptcha(): Promise<string> {
  const challenge = (await t.app.inject('/captcha/challenge')).json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

const countComplaints = async () => (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from complaints`))[0]!.n;

const baseForm = () => ({ point: point.code, category: 'zero_copy', description: 'เจ้าหน้าที่ขอสำเนาบัตรประชาชนและสำเนาทะเบียนบ้าน ทั้งที่มีเครื่องอ่านบัตร' });

describe('choosing where to complain', () => {
  it('finds service points and organisations by name without JavaScript, each linking to its form', async () => {
    const page = await t.app.inject(`/complain?q=${encodeURIComponent(point.nameTh)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/p/${point.code}/complain"`);
    const organisations = await t.app.inject(`/complain?q=${encodeURIComponent(organisation.nameTh)}`);
    expect(organisations.body).toContain(`href="/complain?organisation=${organisation.id}"`);
  });

  it('lists points near a position, nearest first, and refuses one outside Thailand', async () => {
    const [near] = await rows<{ lat: number; lng: number }>(t.database.db, sql`select lat, lng from service_points where code = ${point.code}`);
    const page = await t.app.inject(`/complain?near=${near!.lat.toFixed(5)},${near!.lng.toFixed(5)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf(`/p/${point.code}/complain`)).toBeGreaterThan(-1);
    expect((await t.app.inject('/complain?near=51.5,-0.12')).statusCode).toBe(400);
    expect((await t.app.inject('/complain?near=abc')).statusCode).toBe(400);
    expect((await t.app.inject('/complain?organisation=999999999')).statusCode).toBe(404);
    expect((await t.app.inject(`/complain?q=${'x'.repeat(300)}`)).statusCode).toBe(400);
  });

  it('shows the form for a point in Thai and English, with the privacy notice and consent box', async () => {
    const th = await t.app.inject(`/p/${point.code}/complain`);
    expect(th.statusCode).toBe(200);
    expect(th.body).toContain('เราใช้ข้อมูลติดต่อเพื่อแจ้งผลการดำเนินการเท่านั้น');
    expect(th.body).toContain('เก็บไว้ 365 วัน');
    expect(th.body).toContain('name="consent"');
    expect(th.body).toContain('enctype="multipart/form-data"');
    const en = await t.app.inject(`/en/p/${point.code}/complain`);
    expect(en.body).toContain('We use your contact details only to tell you the outcome');
    expect((await t.app.inject(`/p/${point.code.toLowerCase()}/complain`)).headers.location).toBe(`/p/${point.code}/complain`);
    expect((await t.app.inject('/p/ZZZZZZ/complain')).statusCode).toBe(404);
    expect((await t.app.inject('/p/0<script>/complain')).statusCode).toBe(400);
  });
});

describe('sending a complaint', () => {
  let tracking: string;

  it('takes a complaint with a photo and contact details, and tracks it without personal data', async () => {
    const browser = agent();
    await browser.get(`/p/${point.code}/complain`);
    const photo = await jpegWithGps();
    const response = await browser.postMultipart('/complain', {
      ...baseForm(),
      address: 'หน้าห้องทะเบียน ชั้น 1',
      lat: '18.89',
      lng: '98.93',
      contact_name: 'สมศรี ร้องเรียน',
      contact_phone: '081 234 5678',
      contact_email: 'Somsri@Example.com',
      consent: 'yes',
      altcha: await solvedCaptcha(),
      photos: { filename: 'IMG_0001.JPG', contentType: 'image/jpeg', data: photo },
    });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    const match = /^\/track\/(CI-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{2})\?sent=mail$/.exec(location);
    expect(match).not.toBeNull();
    tracking = match![1]!;
    expect(parseTrackingNumber(tracking)).toEqual({ ok: true, number: tracking });

    const [stored] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, tracking));
    expect(stored).toMatchObject({ pointId: expect.any(Number), organisationId: point.organisationId, category: 'zero_copy', status: 'received', channel: 'web', forwardStatus: 'pending' });
    expect(stored!.lat).toBeCloseTo(18.89);
    // The contact is sealed: the raw column holds neither the phone nor the address.
    expect(stored!.contactSealed).not.toContain('081');
    expect(stored!.contactSealed).not.toContain('example.com');
    expect(openContact(t.config.piiKey, stored!.contactSealed!)).toEqual({ name: 'สมศรี ร้องเรียน', phone: '081 234 5678', email: 'somsri@example.com', locale: 'th' });
    expect(stored!.consentAt).toBeInstanceOf(Date);
    const days = (stored!.retainUntil.getTime() - stored!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(365, 3);

    // The photo: WebP, at most 1600 px, no EXIF (so no GPS).
    const [kept] = await t.database.db.select().from(complaintPhotos).where(eq(complaintPhotos.complaintId, stored!.id));
    const metadata = await sharp(Buffer.from(kept!.image)).metadata();
    expect(metadata.format).toBe('webp');
    expect(Math.max(metadata.width!, metadata.height!)).toBeLessThanOrEqual(1600);
    expect(metadata.exif).toBeUndefined();
    expect(hasGpsBlock(Buffer.from(kept!.image))).toBe(false);

    // History and the forwarding job, written with it.
    expect(await t.database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, stored!.id))).toHaveLength(1);
    const [job] = await t.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, `complaint-forward:${tracking}`));
    expect(job?.status).toBe('pending');

    const page = await browser.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(tracking);
    expect(page.body).toContain('ได้รับเรื่องแล้ว');
    expect(page.body).toContain('เรียกสำเนาเอกสารที่รัฐออกให้');
    expect(page.body).toContain(point.nameTh);
    expect(page.body).toContain('แนบภาพถ่าย 1 ภาพ');
    expect(page.body).toContain('เราจะแจ้งทางอีเมล');
    for (const secret of ['สมศรี', '081 234 5678', 'somsri@example.com', 'Somsri', 'เครื่องอ่านบัตร', 'หน้าห้องทะเบียน']) expect(page.body).not.toContain(secret);
  });

  it('reads a tracking number typed loosely, tells a typo from an unknown number', async () => {
    const loose = tracking.toLowerCase().replaceAll('-', ' ');
    const found = await t.app.inject(`/track?number=${encodeURIComponent(loose)}`);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/track/${tracking}`);
    expect((await t.app.inject(`/track/${tracking.toLowerCase()}`)).headers.location).toBe(`/track/${tracking}`);
    // Change the check character: a typo.
    const typo = tracking.slice(0, -1) + (tracking.endsWith('2') ? '3' : '2');
    const wrong = await t.app.inject(`/track?number=${typo}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('พิมพ์ผิด');
    const format = await t.app.inject('/en/track?number=hello');
    expect(format.statusCode).toBe(400);
    expect(format.body).toContain('This is not a tracking number');
    // A well-formed number nobody was given.
    const year = tracking.slice(3, 7);
    let unknown = '';
    for (const random of ['22222', '33333', '44444']) {
      const candidate = parseTrackingNumber(`${year}${random}2`);
      if (candidate.ok) unknown = candidate.number;
      for (const check of '23456789ABCDEFGHJKMNPQRSTUVWXYZ') {
        const c = parseTrackingNumber(`${year}${random}${check}`);
        if (c.ok) unknown = c.number;
      }
      if (unknown) break;
    }
    const missing = await t.app.inject(`/track/${unknown}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('ไม่พบเรื่องร้องเรียนหมายเลขนี้');
    expect((await t.app.inject(`/track/${'x'.repeat(41)}`)).statusCode).toBe(400);
  });

  it('takes an anonymous complaint about an organisation, without JavaScript (urlencoded, no proof of work)', async () => {
    const browser = agent();
    await browser.get(`/complain?organisation=${organisation.id}`);
    const response = await browser.post('/complain', { organisation: String(organisation.id), category: 'service_delay', description: 'รอใบอนุญาตเกินกำหนด 30 วัน' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/\?sent=1$/);
    const number = /\/track\/([^?]+)/.exec(response.headers.location as string)![1]!;
    const [stored] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, number));
    expect(stored).toMatchObject({ pointId: null, organisationId: organisation.id, contactSealed: null, consentAt: null });
  });

  it('shows the form again with every problem, keeping what was typed, and saves nothing', async () => {
    const before = await countComplaints();
    const browser = agent();
    await browser.get(`/p/${point.code}/complain`);
    const response = await browser.post('/complain', {
      point: point.code,
      description: '  ',
      contact_phone: '081 234 5678',
      contact_email: 'not-an-email',
      lat: '18.8',
      address: 'ตลาดสด <b>',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('กรุณาเลือกเรื่องที่ร้องเรียน');
    expect(response.body).toContain('รูปแบบอีเมลไม่ถูกต้อง');
    expect(response.body).toContain('value="ตลาดสด &lt;b>"');
    const second = await browser.post('/complain', { point: point.code, category: 'fees', description: 'x', contact_phone: '081 234 5678', lat: '18.8' });
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('กรุณาทำเครื่องหมายยินยอม');
    expect(second.body).toContain('กรุณากรอกทั้งละติจูดและลองจิจูด');
    const third = await browser.post('/complain', { point: point.code, category: 'fees', description: 'x'.repeat(3001), lat: '51.5', lng: '-0.1' });
    expect(third.statusCode).toBe(400);
    expect(third.body).toContain('ยาวเกิน 3,000 ตัวอักษร');
    expect(third.body).toContain('พิกัดนี้อยู่นอกประเทศไทย');
    expect(await countComplaints()).toBe(before);
  });

  it('refuses forged values, unknown targets and a missing CSRF token', async () => {
    const before = await countComplaints();
    const post = async (form: Record<string, string>, options: { csrf?: null } = {}) => {
      const browser = agent();
      await browser.get(`/p/${point.code}/complain`);
      return browser.post('/complain', form, options);
    };
    expect((await post({ ...baseForm(), category: "x' or 1=1 --" })).statusCode).toBe(400);
    expect((await post({ ...baseForm(), point: 'ZZZZZZ' })).statusCode).toBe(400);
    expect((await post({ ...baseForm(), point: '' })).statusCode).toBe(400);
    expect((await post({ ...baseForm(), point: '<script>' })).statusCode).toBe(400);
    expect((await post({ ...baseForm(), point: '', organisation: '99999999' })).statusCode).toBe(400);
    expect((await post({ ...baseForm(), lat: 'NaN', lng: '98' })).statusCode).toBe(400);
    const noToken = await post(baseForm(), { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect(await countComplaints()).toBe(before);
  });

  it('refuses a fake image with 415, a too-big one with 413, four photos with 413 — nothing saved', async () => {
    const before = await countComplaints();
    const browser = agent();
    await browser.get(`/p/${point.code}/complain`);
    const fake = await browser.postMultipart('/complain', { ...baseForm(), photos: { filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('<?php echo "not an image"; ?>') } });
    expect(fake.statusCode).toBe(415);
    expect(fake.body).toContain('ไม่ใช่ภาพ JPEG, PNG หรือ WebP');
    expect(fake.body).toContain('เจ้าหน้าที่ขอสำเนาบัตรประชาชน'); // the form comes back with the text

    const big = await browser.postMultipart('/complain', { ...baseForm(), photos: { filename: 'big.jpg', contentType: 'image/jpeg', data: Buffer.alloc(8 * 1024 * 1024 + 10, 1) } });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('ไฟล์ภาพใหญ่เกิน 8 MB');

    const small = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } }).png().toBuffer();
    const file = { filename: 'a.png', contentType: 'image/png', data: small };
    const many = await browser.postMultipart('/complain', { ...baseForm(), photos: [file, file, file, file] });
    expect(many.statusCode).toBe(413);
    expect(many.body).toContain('แนบภาพได้ไม่เกิน 3 ภาพ');
    expect(await countComplaints()).toBe(before);
  });

  it('refuses a replayed proof of work', async () => {
    const browser = agent();
    await browser.get(`/p/${point.code}/complain`);
    const altcha = await solvedCaptcha();
    expect((await browser.post('/complain', { ...baseForm(), altcha })).statusCode).toBe(303);
    await browser.get(`/p/${point.code}/complain`);
    const replay = await browser.post('/complain', { ...baseForm(), altcha });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('การตรวจสอบอัตโนมัติไม่ผ่าน');
  });

  it('limits posts without proof of work to 6 an hour from one network', async () => {
    const browser = agent();
    await browser.get(`/p/${point.code}/complain`);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await browser.post('/complain', i < 2 ? { ...baseForm(), category: '' } : baseForm())).statusCode);
    expect(statuses).toEqual([400, 400, 303, 303, 303, 303, 429]);
  });
});
