import { and, desc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { auditLog, complaints, emails } from '../../db/schema.js';
import type { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast } from '../../../test/support/office-actors.js';
import type { CheckedContent } from './input.js';
import { processPhoto } from './photos.js';
import { createComplaint } from './store.js';

let t: TestApp;
type Role = 'officerA' | 'officerB' | 'supervisorIn' | 'supervisorOut' | 'admin' | 'dopaOfficer';
const ROLES: Role[] = ['officerA', 'officerB', 'supervisorIn', 'supervisorOut', 'admin', 'dopaOfficer'];
let agents: Record<Role, Agent>;
let pointA: { id: number; code: string; organisationId: number };
/** A1: about a point of อบต.โป่งแยง, with contact; A2: about that organisation; B1: another TAO of Chiang Mai; C1: in Bangkok. */
const numbers = { a1: '', a2: '', b1: '', c1: '' };

const content = (overrides: Partial<CheckedContent> = {}): CheckedContent => ({
  category: 'staff_conduct',
  description: 'เจ้าหน้าที่พูดจาไม่สุภาพเมื่อขอคำแนะนำ',
  addressText: null,
  lat: null,
  lng: null,
  contact: null,
  ...overrides,
});

const settings = () => ({ piiKey: t.config.piiKey, retentionDays: 365 });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cast = await officeCast(t);
  agents = cast;
  [pointA] = (await rows<typeof pointA>(
    db,
    sql`select id, code, organisation_id as "organisationId" from service_points where organisation_id = ${cast.organisationA} and status = 'active' order by id limit 1`,
  )) as [typeof pointA];
  const [bangkok] = await rows<{ id: number }>(
    db,
    sql`select o.id from organisations o where o.province_code = '10' and exists (select 1 from service_points p where p.organisation_id = o.id) order by o.id limit 1`,
  );

  const photo = await processPhoto(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#357' } }).jpeg().toBuffer());
  const common = { locale: 'th' as const, channel: 'web' as const, apiKeyId: null, internalNote: null };
  numbers.a1 = (
    await createComplaint(db, settings(), {
      ...common,
      pointId: pointA.id,
      organisationId: pointA.organisationId,
      content: content({ contact: { name: 'มานี มีนา', phone: '089 765 4321', email: 'manee@example.com' }, addressText: 'ห้องทะเบียน' }),
      photos: [photo],
    })
  ).trackingNumber;
  numbers.a2 = (await createComplaint(db, settings(), { ...common, pointId: null, organisationId: pointA.organisationId, content: content({ category: 'fees' }), photos: [] })).trackingNumber;
  numbers.b1 = (await createComplaint(db, settings(), { ...common, pointId: null, organisationId: cast.organisationB, content: content({ category: 'facilities' }), photos: [] })).trackingNumber;
  numbers.c1 = (await createComplaint(db, settings(), { ...common, pointId: null, organisationId: bangkok!.id, content: content({ category: 'other' }), photos: [] })).trackingNumber;
});
afterAll(() => t.close());

/** Posts a form after reading the inbox (a fresh CSRF token); returns the response. */
async function post(role: Role, url: string, form: Record<string, string>) {
  await agents[role].get('/office/complaints');
  return agents[role].post(url, form);
}

const statusOf = async (number: string) => (await t.database.db.select({ status: complaints.status }).from(complaints).where(eq(complaints.trackingNumber, number)))[0]?.status;

describe('the complaints inbox: who sees what', () => {
  it('needs a session', async () => {
    const response = await t.app.inject('/office/complaints');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/office/sign-in?next=%2Foffice%2Fcomplaints');
    expect((await t.app.inject(`/office/complaints/${numbers.a1}`)).statusCode).toBe(303);
  });

  it('lists complaints to those whose scope covers them, and opens each only to them', async () => {
    const sees: Record<'a1' | 'a2' | 'b1' | 'c1', Record<Role, boolean>> = {
      a1: { officerA: true, officerB: false, supervisorIn: true, supervisorOut: false, admin: true, dopaOfficer: false },
      a2: { officerA: true, officerB: false, supervisorIn: true, supervisorOut: false, admin: true, dopaOfficer: false },
      b1: { officerA: false, officerB: true, supervisorIn: true, supervisorOut: false, admin: true, dopaOfficer: false },
      c1: { officerA: false, officerB: false, supervisorIn: false, supervisorOut: true, admin: true, dopaOfficer: false },
    };
    const seesA = sees.a1;
    for (const role of ROLES) {
      const list = await agents[role].get('/office/complaints');
      expect(list.statusCode, role).toBe(200);
      for (const key of ['a1', 'a2', 'b1', 'c1'] as const) {
        expect(list.body.includes(numbers[key]), `${role} lists ${key}`).toBe(sees[key][role]);
        const page = await agents[role].get(`/office/complaints/${numbers[key]}`);
        expect(page.statusCode, `${role} opens ${key}`).toBe(sees[key][role] ? 200 : 404);
      }
      const photoId = /\/photos\/(\d+)"/.exec((await agents.admin.get(`/office/complaints/${numbers.a1}`)).body)![1];
      const photo = await agents[role].get(`/office/complaints/${numbers.a1}/photos/${photoId}`);
      expect(photo.statusCode, `${role} photo`).toBe(seesA[role] ? 200 : 404);
      if (seesA[role]) expect(photo.headers['content-type']).toBe('image/webp');
    }
  });

  it('shows contact details only to those who may handle the complaint, on request, and audits each view', async () => {
    const expected: Record<Role, number> = { officerA: 200, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 200, dopaOfficer: 404 };
    for (const role of ROLES) {
      const page = await agents[role].get(`/office/complaints/${numbers.a1}`);
      // Never on the page itself: only after the deliberate request.
      expect(page.body).not.toContain('089 765 4321');
      if (role === 'supervisorIn') expect(page.body).toContain('ข้อมูลติดต่อแสดงเฉพาะเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบเรื่องนี้');
      const before = (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'complaint.contact_view'))).length;
      const response = await post(role, `/office/complaints/${numbers.a1}/contact`, {});
      expect(response.statusCode, role).toBe(expected[role]);
      const after = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'complaint.contact_view')).orderBy(desc(auditLog.id));
      if (expected[role] === 200) {
        expect(response.body).toContain('089 765 4321');
        expect(response.body).toContain('manee@example.com');
        expect(after).toHaveLength(before + 1);
        expect(after[0]).toMatchObject({ entity: 'complaint', entityId: numbers.a1, organisationId: pointA.organisationId, pointId: pointA.id });
        expect(JSON.stringify(after[0]!.changes)).not.toContain('089');
      } else {
        expect(response.body).not.toContain('089 765 4321');
        expect(after).toHaveLength(before);
      }
    }
  });

  it('lets only those who manage a complaint act on it', async () => {
    const expected: Record<Role, number> = { officerA: 303, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 303, dopaOfficer: 404 };
    for (const role of ROLES) {
      const response = await post(role, `/office/complaints/${numbers.a2}`, { from: 'received', to: 'received', internal_note: `บันทึกของ ${role}` });
      expect(response.statusCode, role).toBe(expected[role]);
    }
    const page = await agents.officerA.get(`/office/complaints/${numbers.a2}`);
    expect(page.body).toContain('บันทึกของ officerA');
    expect(page.body).toContain('บันทึกของ admin');
    expect(page.body).not.toContain('บันทึกของ supervisorIn');
    // The supervisor reads the history but gets no form.
    const supervisor = await agents.supervisorIn.get(`/office/complaints/${numbers.a2}`);
    expect(supervisor.body).toContain('บันทึกของ officerA');
    expect(supervisor.body).not.toContain('name="to"');
    expect(await statusOf(numbers.a2)).toBe('received');
  });

  it('keeps the admin pages to admins', async () => {
    for (const role of ROLES) {
      const expected = role === 'admin' ? 200 : 403;
      expect((await agents[role].get('/office/admin/dead-letters')).statusCode, role).toBe(expected);
      expect((await agents[role].get('/office/admin/api-keys')).statusCode, role).toBe(expected);
      expect((await post(role, '/office/admin/api-keys', { name: `คีย์ของ ${role}` })).statusCode, role).toBe(expected);
      expect((await post(role, '/office/admin/dead-letters/999999/retry', {})).statusCode, role).toBe(role === 'admin' ? 303 : 403);
      expect((await post(role, '/office/admin/api-keys/999999/revoke', {})).statusCode, role).toBe(role === 'admin' ? 303 : 403);
    }
    const keys = await agents.admin.get('/office/admin/api-keys');
    expect(keys.body).toContain('คีย์ของ admin');
    expect(keys.body).not.toContain('คีย์ของ officerA');
  });
});

describe('handling a complaint', () => {
  it('moves it through the workflow, e-mails the complainant at each step, shows answers on the tracking page', async () => {
    const officer = agents.officerA;
    const step = (from: string, to: string, extra: Record<string, string> = {}) => post('officerA', `/office/complaints/${numbers.a1}`, { from, to, ...extra });
    expect((await step('received', 'accepted', { public_note: 'รับเรื่องแล้ว จะตรวจสอบภายใน 7 วัน', internal_note: 'ผู้ร้องโทรมาเมื่อวาน เรื่องเจ้าหน้าที่ ก.' })).statusCode).toBe(303);
    expect((await step('accepted', 'in_progress')).statusCode).toBe(303);
    expect((await step('in_progress', 'resolved', { public_note: 'ได้ตักเตือนเจ้าหน้าที่และจัดอบรมการบริการแล้ว' })).statusCode).toBe(303);
    expect(await statusOf(numbers.a1)).toBe('resolved');

    const mails = await t.database.db.select().from(emails).where(eq(emails.to, 'manee@example.com')).orderBy(emails.id);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `เรื่องร้องเรียน ${numbers.a1}: รับเรื่องไว้พิจารณา`,
      `เรื่องร้องเรียน ${numbers.a1}: กำลังดำเนินการ`,
      `เรื่องร้องเรียน ${numbers.a1}: ดำเนินการแล้ว`,
    ]);
    expect(mails[2]!.text).toContain('ได้ตักเตือนเจ้าหน้าที่');
    expect(mails[2]!.text).toContain(`/track/${numbers.a1}`);
    for (const mail of mails) expect(mail.text).not.toContain('ผู้ร้องโทรมาเมื่อวาน');

    const track = await t.app.inject(`/track/${numbers.a1}`);
    expect(track.body).toContain('ดำเนินการแล้ว');
    expect(track.body).toContain('ได้ตักเตือนเจ้าหน้าที่และจัดอบรมการบริการแล้ว');
    expect(track.body).toContain('รับเรื่องแล้ว จะตรวจสอบภายใน 7 วัน');
    expect(track.body).not.toContain('ผู้ร้องโทรมาเมื่อวาน');
    expect(track.body).not.toContain('มานี');

    const page = await officer.get(`/office/complaints/${numbers.a1}`);
    expect(page.body).toContain('ผู้ร้องโทรมาเมื่อวาน');
    expect(page.body).toContain('โดย สมหญิง ใจดี');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'complaint.status'), eq(auditLog.entityId, numbers.a1)));
    expect(audits).toHaveLength(3);
  });

  it('refuses a step the workflow does not allow, a rejection without reason, and a stale form', async () => {
    const number = numbers.a2;
    const skip = await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'resolved' });
    expect(skip.statusCode).toBe(400);
    expect(skip.body).toContain('เปลี่ยนจากสถานะปัจจุบันไปเป็นสถานะนี้ไม่ได้');
    const noReason = await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'rejected', public_note: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('กรุณาระบุเหตุผลที่ไม่รับเรื่อง');
    const nothing = await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'received' });
    expect(nothing.statusCode).toBe(400);
    const forged = await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'closed' });
    expect(forged.statusCode).toBe(400);
    const long = await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'accepted', public_note: 'ก'.repeat(3001) });
    expect(long.statusCode).toBe(400);
    expect(await statusOf(number)).toBe('received');

    expect((await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'rejected', public_note: 'ไม่อยู่ในอำนาจหน้าที่ ส่งต่อให้ สถ.จ.' })).statusCode).toBe(303);
    const stale = await post('officerA', `/office/complaints/${number}`, { from: 'received', to: 'accepted' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('มีผู้อื่นเปลี่ยนสถานะ');
    // Reopening a rejected complaint is allowed.
    expect((await post('officerA', `/office/complaints/${number}`, { from: 'rejected', to: 'in_progress', public_note: 'ทบทวนแล้ว รับเรื่องไว้ดำเนินการ' })).statusCode).toBe(303);
    expect(await statusOf(number)).toBe('in_progress');
  });

  it('filters by status, category, point and age, and answers nonsense with 4xx', async () => {
    const admin = agents.admin;
    const resolved = await admin.get('/office/complaints?status=resolved');
    expect(resolved.body).toContain(numbers.a1);
    expect(resolved.body).not.toContain(numbers.b1);
    const open = await admin.get('/office/complaints?status=open');
    expect(open.body).toContain(numbers.b1);
    expect(open.body).not.toContain(numbers.a1);
    const facilities = await admin.get('/office/complaints?category=facilities');
    expect(facilities.body).toContain(numbers.b1);
    expect(facilities.body).not.toContain(numbers.a2);
    const byPoint = await admin.get(`/office/complaints?point=${pointA.code.toLowerCase()}`);
    expect(byPoint.body).toContain(numbers.a1);
    expect(byPoint.body).not.toContain(numbers.a2);
    const old = await admin.get('/office/complaints?age=30');
    expect(old.body).not.toContain(numbers.a1);
    await t.database.db.execute(sql`update complaints set created_at = now() - interval '40 days' where tracking_number = ${numbers.b1}`);
    expect((await admin.get('/office/complaints?age=30')).body).toContain(numbers.b1);
    for (const bad of ['status=closed', 'category=x', 'point=%3Cscript%3E', 'age=5', 'page=0', 'page=abc']) {
      expect((await admin.get(`/office/complaints?${bad}`)).statusCode, bad).toBe(400);
    }
    expect((await admin.get('/office/complaints?page=999')).statusCode).toBe(404);
    expect((await admin.get('/office/complaints/CI-2569-2222-22')).statusCode).toBe(404);
    expect((await admin.get('/office/complaints/nonsense')).statusCode).toBe(400);
    expect((await admin.get('/en/office/complaints')).body).toContain('Complaints');
  });
});
